import { Inject } from '@nestjs/common';
import { CommandRunner } from 'nest-commander';
import { CLI_IO, type CliIo } from './cli-io.js';
import { OpenBankApi } from './connection/openbank-api.js';
import { UsageError } from './exit-codes.js';

/** The commander command a runner is attached to. */
export type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/** Options every command takes (declared once, on the program). */
export interface GlobalOptions {
  readonly url?: string;
  readonly token?: string;
}

/** What every `openbank` command has at hand: its output, its environment and the API. */
export abstract class OpenBankCommand extends CommandRunner {
  constructor(@Inject(CLI_IO) protected readonly io: CliIo) {
    super();
  }

  /** Where OpenBank answers: --url, OPENBANK_URL, or this machine on the app's PORT. */
  protected baseUrl(): string {
    const { url } = this.command.optsWithGlobals<GlobalOptions>();
    const chosen = url ?? this.io.env.OPENBANK_URL ?? `http://127.0.0.1:${this.io.env.PORT || 8899}`;
    try {
      return new URL(chosen).href.replace(/\/$/, '');
    } catch {
      throw new UsageError(`--url must be a URL such as http://127.0.0.1:8899, not ${chosen}`);
    }
  }

  protected api(): OpenBankApi {
    const { token } = this.command.optsWithGlobals<GlobalOptions>();
    return new OpenBankApi(this.baseUrl(), token ?? this.io.env.OPENBANK_TOKEN);
  }

  protected print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Notes about the work under way (progress, waiting), kept off standard output. */
  protected note(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** A command that only groups others (`projections`, `streams`): on its own, it shows its help. */
export abstract class CommandGroup extends OpenBankCommand {
  async run(passedParams: string[]): Promise<void> {
    const names = this.command.commands.map((command) => command.name()).join(', ');
    if (passedParams.length > 0) throw new UsageError(`unknown command '${this.command.name()} ${passedParams[0]}' (one of: ${names})`);
    this.io.stderr.write(this.command.helpInformation());
    throw new UsageError(`'${this.command.name()}' needs a command: one of ${names}`);
  }
}

/** Parses a whole number option, refusing anything else as a usage error. */
export function wholeNumber(name: string, minimum = 0, maximum = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < minimum || parsed > maximum) throw new UsageError(`${name} must be a whole number from ${minimum} to ${maximum}, not ${value}`);
    return parsed;
  };
}
