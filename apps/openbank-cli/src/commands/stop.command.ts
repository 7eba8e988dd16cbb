import { rmSync } from 'node:fs';
import { Command, Help, Option } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { appFiles, dockerComposeFile, runningPid } from '../running/app-files.js';
import { compose } from '../running/docker-compose.js';
import { isAlive, projectorsOf, waitForExit } from '../running/processes.js';

interface StopOptions {
  readonly timeout: number;
  readonly force?: boolean;
}

@Command({
  name: 'stop',
  description: 'Stop the OpenBank `openbank start` started, with its projector and its embedded stores, and wait until they are gone',
})
export class StopCommand extends OpenBankCommand {
  @Option({ flags: '--timeout <seconds>', description: 'how long to wait for it to stop', defaultValue: 60 })
  timeout(value: string): number {
    return wholeNumber('--timeout', 1, 3600)(value);
  }

  @Option({ flags: '--force', description: 'kill it (SIGKILL) if it has not stopped in time' })
  force(): boolean {
    return true;
  }

  @Help('after')
  details(): string {
    return [
      '',
      'SIGTERM to the application `openbank start` started: it stops its projector (what is in flight is',
      'finished or handed back), then its embedded stores. --force kills the application and its projector',
      'if they have not stopped in time. After `start --docker`: `docker compose down` (the volumes keep the data).',
    ].join('\n');
  }

  async run(_args: string[], options: StopOptions): Promise<void> {
    const files = appFiles(this.io);
    const pid = runningPid(files);
    if (pid) return this.stopProcess(pid, files.pidFile, options);
    const composeFile = dockerComposeFile(files);
    if (composeFile) {
      const status = await compose(composeFile, ['down'], this.io.env, this.io.stderr);
      if (status !== 0) throw new CliError(ExitCode.Failed, `\`docker compose down\` failed (exit status ${status})`);
      rmSync(files.dockerFile, { force: true });
      return this.print('OpenBank stopped (docker-compose; its volumes keep the data)');
    }
    this.print(`OpenBank is not running (nothing started by \`openbank start\` in ${files.dataDir})`);
  }

  /** The API stops its projector (which finishes or hands back what it has in flight), then its stores. */
  private async stopProcess(pid: number, pidFile: string, options: StopOptions): Promise<void> {
    const projectors = projectorsOf(pid);
    const deadline = Date.now() + options.timeout * 1000;
    this.note(`stopping OpenBank (pid ${pid}${projectors.length > 0 ? `; its projector: pid ${projectors.join(', ')}` : ''})`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, deadline - Date.now()))) {
      if (!options.force) throw new CliError(ExitCode.Failed, `OpenBank (pid ${pid}) did not stop within ${options.timeout} s: try again, or use --force to kill it`);
      for (const target of [pid, ...projectors].filter(isAlive)) process.kill(target, 'SIGKILL');
      await waitForExit(pid, 10_000);
      this.note('killed it (SIGKILL); its embedded stores stop when they lose it');
    }
    // A projector whose API went away stops by itself; one still there past the deadline is stuck.
    for (const projector of projectors) {
      if (await waitForExit(projector, Math.max(deadline - Date.now(), 1000))) continue;
      if (!options.force) throw new CliError(ExitCode.Failed, `OpenBank stopped, but its projector (pid ${projector}) did not within ${options.timeout} s: use --force to kill it`);
      process.kill(projector, 'SIGKILL');
      await waitForExit(projector, 10_000);
    }
    rmSync(pidFile, { force: true });
    this.print(`OpenBank stopped (pid ${pid}${projectors.length > 0 ? `, and its projector: pid ${projectors.join(', ')}` : ''})`);
  }
}
