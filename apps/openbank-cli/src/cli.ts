import { CommandFactory, CommandRunnerService } from 'nest-commander';
import type { CliIo } from './cli-io.js';
import { CliModule } from './cli.module.js';
import { CliError, ExitCode } from './exit-codes.js';
import type { CommanderCommand } from './openbank-command.js';
import { Program } from './program.js';

interface CommanderFailure {
  readonly code: string;
  readonly exitCode: number;
}

const isCommanderFailure = (error: unknown): error is CommanderFailure => typeof (error as CommanderFailure)?.code === 'string' && (error as CommanderFailure).code.startsWith('commander.');

/**
 * Runs `openbank <args>` and answers its exit code. Output, environment and interruption come in
 * as `io` (main.ts passes the process's own), so no command reaches for globals or exits by itself.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let failure: unknown;
  const app = await CommandFactory.createWithoutRunning(CliModule.register(io), {
    logger: false,
    // Commander's own exits (help shown, unknown command) become errors, so nothing calls process.exit.
    errorHandler: (error) => {
      throw error;
    },
    serviceErrorHandler: (error) => {
      failure = error;
    },
    outputConfiguration: {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    },
    helpConfiguration: { showGlobalOptions: true, sortSubcommands: false },
  });
  try {
    configure(app.get(Program).root, io);
    await app.get(CommandRunnerService).run(['node', 'openbank', ...args]);
  } catch (error) {
    failure ??= error;
  } finally {
    await app.close();
  }
  return exitCodeOf(failure, io);
}

function configure(root: CommanderCommand, io: CliIo): void {
  root
    .name('openbank')
    .description('Operate OpenBank: start and stop it, watch its health, seed demo data, administer projections, verify the ledger, archive old streams to cold storage, back up and restore the embedded stores.')
    .option('--url <url>', 'where OpenBank answers (env OPENBANK_URL; default http://127.0.0.1:$PORT, PORT 8899)')
    .option('--token <token>', 'bearer token with the admin role (env OPENBANK_TOKEN; default: a development token from the app)')
    .addHelpText('after', '\nExit codes: 0 ok · 1 check failed or operation failed · 2 usage · 3 OpenBank unreachable · 4 not authorized · 5 request refused · 6 OpenBank or a store unavailable');
  const everyCommand = (command: CommanderCommand): CommanderCommand[] => [command, ...command.commands.flatMap((child) => everyCommand(child as CommanderCommand))];
  for (const command of everyCommand(root)) {
    command.exitOverride((error) => {
      throw error;
    });
    command.configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
    command.showHelpAfterError(`(see \`${commandPath(command)} --help\`)`);
    // Groups (projections, streams) name their unknown subcommands themselves.
    if (command.commands.length === 0) command.allowExcessArguments(false);
  }
}

function commandPath(command: CommanderCommand): string {
  return command.parent ? `${commandPath(command.parent as CommanderCommand)} ${command.name()}` : command.name();
}

function exitCodeOf(failure: unknown, io: CliIo): ExitCode {
  if (failure === undefined) return ExitCode.Ok;
  if (isCommanderFailure(failure)) {
    // Commander has already printed its message (or the help that was asked for).
    if (failure.code === 'commander.helpDisplayed' || failure.code === 'commander.version') return ExitCode.Ok;
    return ExitCode.Usage;
  }
  if (failure instanceof CliError) {
    io.stderr.write(`openbank: ${failure.message}\n`);
    return failure.exitCode;
  }
  io.stderr.write(`openbank: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`);
  return ExitCode.Failed;
}
