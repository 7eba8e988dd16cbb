import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option, Help } from 'nest-commander';
import { CliError, ExitCode, UsageError } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { applicationArguments, projectRoot } from '../running/app-entry.js';
import { appFiles, logTail, runningPid, type AppFiles } from '../running/app-files.js';
import { compose, dockerCompose } from '../running/docker-compose.js';
import { answersAt, isHealthy } from '../running/health.js';
import { isAlive, waitForExit } from '../running/processes.js';

interface StartOptions {
  readonly docker?: boolean;
  readonly timeout: number;
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

@Command({
  name: 'start',
  description: 'Run OpenBank in the background until /health answers: on the embedded stores, or on docker-compose with --docker',
})
export class StartCommand extends OpenBankCommand {
  @Option({ flags: '--docker', description: 'run on docker-compose (KurrentDB, MongoDB and the API in containers); needs a Docker engine' })
  docker(): boolean {
    return true;
  }

  @Option({ flags: '--timeout <seconds>', description: 'how long to wait for /health to answer', defaultValue: 180 })
  timeout(value: string): number {
    return wholeNumber('--timeout', 1, 3600)(value);
  }

  @Help('after')
  details(): string {
    return [
      '',
      'Without --docker: starts the application as `npm start` does, with the embedded KurrentDB and MongoDB',
      '(or the stores KURRENTDB_CONNECTION_STRING / MONGODB_URI name), on PORT (or the port of --url).',
      'It writes DATA_DIR/openbank.pid and its log to DATA_DIR/openbank.log (DATA_DIR: ./data).',
      'With --docker: `docker compose up --detach --build` with docker-compose.yml, the API on port 8899.',
      'Exits 0 once /health answers, 1 if it does not start (with the end of its log).',
    ].join('\n');
  }

  async run(_args: string[], options: StartOptions): Promise<void> {
    const files = appFiles(this.io);
    if (options.docker) return this.startOnDocker(files, options.timeout * 1000);
    const url = new URL(this.baseUrl());
    if (!localHosts.has(url.hostname)) throw new UsageError(`start runs OpenBank on this machine: --url must name 127.0.0.1 or localhost, not ${url.hostname}`);

    const running = runningPid(files);
    if (running) return this.print(`OpenBank is already running (pid ${running}) at ${url.origin}; log: ${files.logFile}`);
    if (await answersAt(url.origin)) {
      throw new CliError(ExitCode.Failed, `something already answers at ${url.origin} and was not started by \`openbank start\` (no pid file in ${files.dataDir}): stop it, or choose another port with PORT or --url`);
    }

    const child = this.launch(files, url.port || '80');
    this.note(`starting OpenBank (pid ${child.pid}) on the embedded stores, data in ${files.dataDir}; log: ${files.logFile}`);
    const failure = await this.untilHealthy(url.origin, child, options.timeout * 1000);
    if (failure) {
      if (isAlive(child.pid!)) {
        process.kill(child.pid!, 'SIGTERM');
        await waitForExit(child.pid!, 30_000);
      }
      rmSync(files.pidFile, { force: true });
      throw new CliError(ExitCode.Failed, `OpenBank did not start: ${failure}. The end of its log (${files.logFile}):\n${logTail(files, 20)}`);
    }
    this.print(`OpenBank is up at ${url.origin} (pid ${child.pid}); log: ${files.logFile}. Stop it with \`openbank stop\`.`);
  }

  /** Detached, so it outlives this command; its output goes to the log file. */
  private launch(files: AppFiles, port: string): ChildProcess {
    mkdirSync(files.dataDir, { recursive: true });
    const log = openSync(files.logFile, 'a');
    try {
      const child = spawn(process.execPath, applicationArguments(), {
        cwd: projectRoot(),
        env: { ...this.io.env, DATA_DIR: files.dataDir, PORT: port },
        detached: true,
        stdio: ['ignore', log, log],
      });
      writeFileSync(files.pidFile, `${child.pid}\n`);
      child.unref();
      return child;
    } finally {
      closeSync(log);
    }
  }

  /** Undefined once /health answers 200; why not, otherwise. */
  private async untilHealthy(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<string | undefined> {
    let exit: string | undefined;
    child.once('exit', (code, signal) => (exit = `it exited (${signal ?? `code ${code}`})`));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exit) return exit;
      if (await isHealthy(baseUrl)) return undefined;
      await sleep(250);
    }
    return exit ?? `/health did not answer within ${timeoutMs / 1000} s`;
  }

  private async startOnDocker(files: AppFiles, timeoutMs: number): Promise<void> {
    const file = dockerCompose(this.io.env);
    this.note(`starting OpenBank on docker-compose (${file}); this builds the image the first time`);
    const status = await compose(file, ['up', '--detach', '--build'], this.io.env, this.io.stderr);
    if (status !== 0) throw new CliError(ExitCode.Failed, `\`docker compose up\` failed (exit status ${status})`);
    mkdirSync(files.dataDir, { recursive: true });
    writeFileSync(files.dockerFile, `${file}\n`);
    // docker-compose.yml publishes the API on 8899.
    const url = 'http://127.0.0.1:8899';
    const deadline = Date.now() + timeoutMs;
    while (!(await isHealthy(url))) {
      if (Date.now() >= deadline) throw new CliError(ExitCode.Failed, `the containers run, but ${url}/health did not answer within ${timeoutMs / 1000} s: see \`openbank logs\``);
      await sleep(500);
    }
    this.print(`OpenBank is up at ${url} on docker-compose. Logs: \`openbank logs\`; stop it with \`openbank stop\`.`);
  }
}
