import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../src/index.js';
import type { PreparedSuite } from './scratch-install.js';

const REPORTER = join(import.meta.dirname, 'mocha-result-reporter.cjs');
/** As in mongoose's own CI (`npm run test:ci`). */
const MOCHA_TEST_TIMEOUT_MS = 10_000;

export interface TestOutcome {
  readonly state: 'passed' | 'failed' | 'pending';
  readonly title: string;
  readonly error?: string;
}

export interface FileResult {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: TestOutcome[];
  readonly seconds: number;
  readonly logFile: string;
}

/**
 * Runs one test file of the suite with mocha against a fresh in-memory embedded server, started
 * with server-side JavaScript enabled as a default mongod has it (the suite's `$where` tests).
 *
 * mocha's config file is not used: its only addition is a global setup that starts
 * mongodb-memory-server when MONGOOSE_TEST_URI is unset, and that variable always names the
 * embedded server here. `test/common.js` is loaded first, as happens in upstream's single-process
 * run (mocha loads every file before running any): it registers the root hooks that drop the
 * test databases and it loads mongoose, which the helper unit tests that require lib files
 * directly rely on.
 */
export async function runTestFile(suite: PreparedSuite, file: string, logDir: string, timeoutMs: number): Promise<FileResult> {
  const started = Date.now();
  const slug = file.replace(/[\\/]/g, '__');
  const resultsFile = join(logDir, `${slug}.results.jsonl`);
  const logFile = join(logDir, `${slug}.log`);
  mkdirSync(logDir, { recursive: true });
  rmSync(resultsFile, { force: true });

  const server = await startEmbeddedMongo({ javascript: true });
  let exit: { code: number | null; timedOut: boolean };
  try {
    exit = await runMocha(suite, file, server.uri, resultsFile, logFile, timeoutMs);
  } finally {
    await server.stop();
  }

  const outcomes = existsSync(resultsFile)
    ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TestOutcome)
    : [];
  const failures = outcomes.filter((o) => o.state === 'failed');
  if (exit.timedOut) failures.push({ state: 'failed', title: `(${file} killed after ${timeoutMs / 1000} s)` });
  else if (exit.code !== 0 && failures.length === 0) {
    failures.push({ state: 'failed', title: `(${file} exited with code ${exit.code} before reporting a failure; see ${logFile})` });
  }
  return {
    file,
    passed: outcomes.filter((o) => o.state === 'passed').length,
    failed: failures.length,
    pending: outcomes.filter((o) => o.state === 'pending').length,
    failures,
    seconds: (Date.now() - started) / 1000,
    logFile,
  };
}

function runMocha(
  suite: PreparedSuite,
  file: string,
  uri: string,
  resultsFile: string,
  logFile: string,
  timeoutMs: number,
): Promise<{ code: number | null; timedOut: boolean }> {
  const args = [
    '--disable-warning=MONGOOSE',
    suite.mochaBin,
    '--no-config',
    '--ui', 'bdd',
    '--timeout', String(MOCHA_TEST_TIMEOUT_MS),
    '--exit',
    '--reporter', REPORTER,
    '--file', join('test', 'common.js'),
    join('test', file),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, MONGOOSE_TEST_URI: uri, PEER_RESULTS_FILE: resultsFile };
  // Only the standalone suite runs here; replica-set tests skip themselves without these.
  delete env.MONGOOSE_REPLSET_URI;
  delete env.START_REPLICA_SET;
  delete env.REPLICA_SET;
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, args, { cwd: suite.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      log.end();
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      log.end(() => resolve({ code, timedOut }));
    });
  });
}
