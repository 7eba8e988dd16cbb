import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'nest-commander';
import pinoPretty from 'pino-pretty';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { appFiles, dockerComposeFile, runningPid } from '../running/app-files.js';
import { appServices, compose } from '../running/docker-compose.js';

interface LogsOptions {
  readonly follow?: boolean;
  readonly lines: number;
  readonly pretty?: boolean;
}

const pollMs = 250;
const tailBytes = 1 << 20;

@Command({ name: 'logs', description: 'Print the log of the OpenBank `openbank start` started (the API and its projector); -f follows it' })
export class LogsCommand extends OpenBankCommand {
  @Option({ flags: '-f, --follow', description: 'keep printing new lines until interrupted (Ctrl-C)' })
  follow(): boolean {
    return true;
  }

  @Option({ flags: '-n, --lines <count>', description: 'how many of the last lines to print first (0: the whole log)', defaultValue: 100 })
  lines(value: string): number {
    return wholeNumber('--lines', 0)(value);
  }

  @Option({ flags: '--pretty', description: 'print each JSON line as readable text' })
  pretty(): boolean {
    return true;
  }

  async run(_args: string[], options: LogsOptions): Promise<void> {
    const files = appFiles(this.io);
    const composeFile = !runningPid(files) && !existsSync(files.logFile) ? dockerComposeFile(files) : undefined;
    if (composeFile) {
      const args = ['logs', '--tail', options.lines === 0 ? 'all' : String(options.lines), ...(options.follow ? ['--follow'] : []), ...appServices];
      await compose(composeFile, args, this.io.env, this.io.stdout, this.io.signal);
      return;
    }
    if (!existsSync(files.logFile)) throw new CliError(ExitCode.Failed, `no log at ${files.logFile}: OpenBank writes it there when started with \`openbank start\``);

    const show = this.printer(options.pretty === true);
    const size = statSync(files.logFile).size;
    // The last lines of a large log are in its last megabyte, short of pathological lines.
    const start = options.lines === 0 ? 0 : Math.max(0, size - tailBytes);
    const lines = this.readFrom(files.logFile, start, size).split('\n').slice(start > 0 ? 1 : 0).filter(Boolean);
    for (const line of options.lines === 0 ? lines : lines.slice(-options.lines)) show(line);
    if (options.follow) await this.followFrom(files.logFile, size, show);
  }

  /** Prints what is appended to the log until the operator interrupts. */
  private async followFrom(file: string, from: number, show: (line: string) => void): Promise<void> {
    let offset = from;
    let partial = '';
    while (!this.io.signal.aborted) {
      const size = existsSync(file) ? statSync(file).size : 0;
      if (size < offset) offset = 0; // the log was truncated or replaced
      if (size > offset) {
        const text = partial + this.readFrom(file, offset, size);
        offset = size;
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) show(line);
      }
      await sleep(pollMs, undefined, { signal: this.io.signal }).catch(() => undefined);
    }
  }

  private readFrom(file: string, start: number, end: number): string {
    const buffer = Buffer.alloc(end - start);
    const descriptor = openSync(file, 'r');
    try {
      readSync(descriptor, buffer, 0, buffer.length, start);
    } finally {
      closeSync(descriptor);
    }
    return buffer.toString('utf8');
  }

  private printer(pretty: boolean): (line: string) => void {
    if (!pretty) return (line) => this.io.stdout.write(`${line}\n`);
    const format = pinoPretty.prettyFactory({ colorize: Boolean(this.io.stdout.isTTY), translateTime: 'SYS:standard', ignore: 'pid,hostname' });
    return (line) => this.io.stdout.write(line.startsWith('{') ? format(line) : `${line}\n`);
  }
}
