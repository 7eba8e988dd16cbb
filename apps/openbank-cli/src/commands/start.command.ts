import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option, Help } from 'nest-commander';
import { CliError, ExitCode, UsageError } from '../exit-codes.js';
import { OpenBankCommand, wholeNumber } from '../openbank-command.js';
import { freshBuild, projectRoot, type AppBuild } from '../running/app-entry.js';
import { appFiles, logTail, runningPid, type AppFiles } from '../running/app-files.js';
import { compose, dockerCompose } from '../running/docker-compose.js';
import { answersAt, readiness } from '../running/health.js';
import { isAlive, waitForExit } from '../running/processes.js';

interface StartOptions {
  readonly docker?: boolean;
  readonly timeout: number;
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

@Command({
  name: 'start',
  description: 'Run OpenBank (the API and its projector) in the background until it is up: on the embedded stores, or on docker-compose with --docker',
})
export class StartCommand extends OpenBankCommand {
  @Option({ flags: '--docker', description: 'run on docker-compose (KurrentDB, MongoDB, the API and its projectors in containers); needs a Docker engine' })
  docker(): boolean {
    return true;
  }

  @Option({ flags: '--timeout <seconds>', description: 'how long to wait for /health to answer and the projector to consume', defaultValue: 180 })
  timeout(value: string): number {
    return wholeNumber('--timeout', 1, 3600)(value);
  }

  @Help('after')
  details(): string {
    return [
      '',
      'Without --docker: runs the build as `npm start` does (in a clone, `nest build` first when the sources',
      'changed since the last build), with the embedded KurrentDB and MongoDB (or the stores',
      'KURRENTDB_CONNECTION_STRING / MONGODB_URI name), on PORT (or the port of --url). The API starts a',
      'projector as its child (the read side: projections, the transfer process, sinks; unless',
      'START_PROJECTOR=false), its /health on PROJECTOR_PORT (default: the API\'s port + 1).',
      'It writes DATA_DIR/openbank.pid and the log of both to DATA_DIR/openbank.log (DATA_DIR: ./data).',
      'With --docker: `docker compose up --detach --build` with docker-compose.yml, the API on port 8899.',
      'Exits 0 once /health answers and a projector consumes every subscription, 1 if it does not start',
      '(with the end of its log).',
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

    const build = await freshBuild(this.io.stderr);
    const withProjector = this.io.env.START_PROJECTOR !== 'false';
    const child = this.launch(files, build, url.port || '80');
    this.note(`starting OpenBank (pid ${child.pid}) on the embedded stores, data in ${files.dataDir}; log: ${files.logFile}`);
    let exit: string | undefined;
    child.once('exit', (code, signal) => (exit = `it exited (${signal ?? `code ${code}`})`));
    const failure = await this.untilReady(url.origin, withProjector, options.timeout * 1000, () => exit);
    if (failure) {
      if (isAlive(child.pid!)) {
        process.kill(child.pid!, 'SIGTERM');
        await waitForExit(child.pid!, 30_000);
      }
      rmSync(files.pidFile, { force: true });
      throw new CliError(ExitCode.Failed, `OpenBank did not start: ${failure}. The end of its log (${files.logFile}):\n${logTail(files, 20)}`);
    }
    if (!withProjector) this.note('START_PROJECTOR=false: no projector was started; run one on the same stores, or the read side does not move');
    this.print(`OpenBank is up at ${url.origin} (pid ${child.pid}); log: ${files.logFile}. Stop it with \`openbank stop\`.`);
  }

  /** Detached, so it outlives this command; its output (and its projector's) goes to the log file. */
  private launch(files: AppFiles, build: AppBuild, port: string): ChildProcess {
    mkdirSync(files.dataDir, { recursive: true });
    const log = openSync(files.logFile, 'a');
    try {
      const child = spawn(process.execPath, [build.api], {
        cwd: projectRoot(),
        // The projector's /health beside the API's port (8899 → 8900, the default), so two instances do not clash.
        env: { ...this.io.env, DATA_DIR: files.dataDir, PORT: port, PROJECTOR_PORT: this.io.env.PROJECTOR_PORT ?? String(Number(port) + 1) },
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

  /** Undefined once OpenBank is ready (see readiness); why not, otherwise. */
  private async untilReady(baseUrl: string, withProjector: boolean, timeoutMs: number, exited: () => string | undefined = () => undefined): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    let reached = await readiness(baseUrl, withProjector);
    while (reached !== 'ready') {
      const exit = exited();
      if (exit) return exit;
      if (Date.now() >= deadline) {
        return reached === 'no-consumers' ? `/health answers, but no projector consumed every subscription within ${timeoutMs / 1000} s` : `/health did not answer within ${timeoutMs / 1000} s`;
      }
      await sleep(250);
      reached = await readiness(baseUrl, withProjector);
    }
    return undefined;
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
    const failure = await this.untilReady(url, true, timeoutMs);
    if (failure) throw new CliError(ExitCode.Failed, `the containers run, but ${failure}: see \`openbank logs\``);
    this.print(`OpenBank is up at ${url} on docker-compose. Logs: \`openbank logs\`; stop it with \`openbank stop\`.`);
  }
}
