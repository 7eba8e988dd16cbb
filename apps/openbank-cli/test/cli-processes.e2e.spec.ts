import { eventually } from '@openbank/testing';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ExitCode } from '../src/exit-codes.js';
import { isAlive, waitForExit } from '../src/running/processes.js';
import { openbank, scratchDataDir, spawnOpenbank } from './cli-harness.js';

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}

/** The pids of the embedded stores, as the application logs them when it starts them. */
function storePids(log: string): number[] {
  return log
    .split('\n')
    .filter((line) => line.includes('set: started the embedded'))
    // The line carries the application's pid first, then the store's, which JSON.parse keeps.
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

describe('openbank start | status | logs | stop, as real processes', () => {
  const dataDir = scratchDataDir();
  const pidFile = join(dataDir, 'openbank.pid');
  const logFile = join(dataDir, 'openbank.log');
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
  });

  afterAll(async () => {
    // Whatever happened above, the application this spec started does not outlive it.
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (isAlive(pid)) process.kill(pid, 'SIGTERM');
      await waitForExit(pid, 30_000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts OpenBank in the background on the embedded stores, shows its status and log, and stops it with its stores', async () => {
    const started = await openbank(['start'], env);
    expect(started.code).toBe(ExitCode.Ok);
    const [, url, pid] = /^OpenBank is up at (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\); log: (.+)\. Stop it with `openbank stop`\.$/m.exec(started.stdout)!;
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(pid);
    expect(isAlive(Number(pid))).toBe(true);

    expect(await openbank(['start'], env)).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining(`OpenBank is already running (pid ${pid})`) });

    const status = await openbank(['status'], env);
    expect(status.code).toBe(ExitCode.Ok);
    expect(status.stdout).toMatch(new RegExp(`│ OpenBank\\s+│ up\\s+│ ${url} \\(pid ${pid}, log ${logFile}\\)`));
    expect(status.stdout).toMatch(/│ bank-account-details\s+│ projection\s+│ yes/);

    const log = await openbank(['logs', '--lines', '0'], env);
    expect(log.code).toBe(ExitCode.Ok);
    expect(log.stdout).toContain(`OpenBank listening on ${url}`);
    const stores = storePids(log.stdout);
    expect(stores).toHaveLength(2);
    expect(stores).not.toContain(Number(pid));
    expect(stores.every(isAlive)).toBe(true);

    // Following: a line written to the log now shows up in the running `logs -f`.
    const following = spawnOpenbank(['logs', '-f', '--lines', '1'], env);
    await eventually(() => expect(following.output().stdout).not.toBe(''));
    appendFileSync(logFile, '{"msg":"a line written while following"}\n');
    await eventually(() => expect(following.output().stdout).toContain('{"msg":"a line written while following"}'));
    following.child.kill('SIGINT');
    expect((await following.finished).code).toBe(ExitCode.Ok);

    const stopped = await openbank(['stop'], env);
    expect(stopped).toMatchObject({ code: ExitCode.Ok, stdout: `OpenBank stopped (pid ${pid})\n` });
    expect(existsSync(pidFile)).toBe(false);
    expect(isAlive(Number(pid))).toBe(false);
    await eventually(() => expect(stores.filter(isAlive)).toEqual([]));

    expect((await openbank(['status'], env)).code).toBe(ExitCode.Unreachable);
    expect(await openbank(['stop'], env)).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining('OpenBank is not running') });
  }, 240_000);
});
