import { buildApplication, eventually, freePort } from '@openbank/testing';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../src/exit-codes.js';
import { isAlive, projectorsOf, waitForExit } from '../src/running/processes.js';
import { openbank, scratchDataDir, spawnOpenbank } from './cli-harness.js';

/** The pids of the children the application logs when it starts them: its embedded stores, its projector. */
function childPids(log: string, message: string): number[] {
  return log
    .split('\n')
    .filter((line) => line.includes(message))
    // The line carries the application's pid first, then the child's, which JSON.parse keeps.
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

describe('openbank start | status | logs | stop, as real processes: the built API and the projector it starts', () => {
  const dataDir = scratchDataDir();
  const pidFile = join(dataDir, 'openbank.pid');
  const logFile = join(dataDir, 'openbank.log');
  let env: Record<string, string>;

  beforeAll(async () => {
    // The projector's /health on a free port too: PORT + 1 may be taken.
    env = { DATA_DIR: dataDir, PORT: String(await freePort()), PROJECTOR_PORT: '0' };
    // `openbank start` builds a stale build itself; built here, the spec's time goes to what it checks.
    await buildApplication();
  }, 600_000);

  afterAll(async () => {
    // Whatever happened above, the application this spec started does not outlive it.
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (isAlive(pid)) process.kill(pid, 'SIGTERM');
      await waitForExit(pid, 30_000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts OpenBank and its projector in the background on the embedded stores, shows their status and log, and stops them with the stores', async () => {
    const started = await openbank(['start'], env);
    expect(started.code).toBe(ExitCode.Ok);
    const [, url, pid] = /^OpenBank is up at (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\); log: (.+)\. Stop it with `openbank stop`\.$/m.exec(started.stdout)!;
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(pid);
    expect(isAlive(Number(pid))).toBe(true);

    expect(await openbank(['start'], env)).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining(`OpenBank is already running (pid ${pid})`) });

    // The API runs a projector as its child, and each one reports itself.
    const projectors = projectorsOf(Number(pid));
    expect(projectors).toHaveLength(1);
    const [projector] = projectors;
    const status = await openbank(['status'], env);
    expect(status.code).toBe(ExitCode.Ok);
    expect(status.stdout).toMatch(new RegExp(`│ OpenBank\\s+│ up\\s+│ ${url} \\(pid ${pid}, log ${logFile}\\)`));
    expect(status.stdout).toMatch(/│ bank-account-details\s+│ projection\s+│ projections\s+│ yes\s+│ 1\s+│/);
    expect(status.stdout).toMatch(new RegExp(`│ api\\s+│ \\S+\\s+│ ${pid}\\s+│ .+ UTC .+│ -\\s+│`));
    expect(status.stdout).toMatch(new RegExp(`│ projector\\s+│ \\S+\\s+│ ${projector}\\s+│ .+ UTC .+│ projections: consuming, .*transfer-process: consuming`));

    const log = await openbank(['logs', '--lines', '0'], env);
    expect(log.code).toBe(ExitCode.Ok);
    expect(log.stdout).toContain(`OpenBank listening on ${url}`);
    const stores = childPids(log.stdout, 'set: started the embedded');
    expect(stores).toHaveLength(2);
    expect(stores).not.toContain(Number(pid));
    expect(stores.every(isAlive)).toBe(true);
    expect(childPids(log.stdout, 'started a projector')).toEqual([projector]);
    expect(log.stdout).toMatch(/"msg":"projector listening on http:\/\/\S+ \(GET \/health\)/);

    // Following: a line written to the log now shows up in the running `logs -f`.
    const following = spawnOpenbank(['logs', '-f', '--lines', '1'], env);
    await eventually(() => expect(following.output().stdout).not.toBe(''));
    appendFileSync(logFile, '{"msg":"a line written while following"}\n');
    await eventually(() => expect(following.output().stdout).toContain('{"msg":"a line written while following"}'));
    following.child.kill('SIGINT');
    expect((await following.finished).code).toBe(ExitCode.Ok);

    const stopped = await openbank(['stop'], env);
    expect(stopped).toMatchObject({ code: ExitCode.Ok, stdout: `OpenBank stopped (pid ${pid}, and its projector: pid ${projector})\n` });
    expect(existsSync(pidFile)).toBe(false);
    expect(isAlive(Number(pid))).toBe(false);
    expect(isAlive(projector)).toBe(false);
    await eventually(() => expect(stores.filter(isAlive)).toEqual([]));

    expect((await openbank(['status'], env)).code).toBe(ExitCode.Unreachable);
    expect(await openbank(['stop'], env)).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining('OpenBank is not running') });
  }, 240_000);
});
