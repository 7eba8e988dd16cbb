import { rmSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { appFiles, dockerComposeFile, runningPid } from '../running/app-files.js';
import { compose } from '../running/docker-compose.js';
import { waitForExit } from '../running/processes.js';

interface StopOptions {
  readonly timeout: number;
  readonly force?: boolean;
}

@Command({
  name: 'stop',
  description: 'Stop the OpenBank `openbank start` started, with its embedded stores, and wait until it is gone',
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

  private async stopProcess(pid: number, pidFile: string, options: StopOptions): Promise<void> {
    this.note(`stopping OpenBank (pid ${pid})`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, options.timeout * 1000))) {
      if (!options.force) throw new CliError(ExitCode.Failed, `OpenBank (pid ${pid}) did not stop within ${options.timeout} s: try again, or use --force to kill it`);
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 10_000);
      this.note('killed it (SIGKILL); its embedded stores stop when they lose it');
    }
    rmSync(pidFile, { force: true });
    this.print(`OpenBank stopped (pid ${pid})`);
  }
}
