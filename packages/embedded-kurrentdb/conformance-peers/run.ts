/**
 * npm run conformance:peers -- --checkout PATH [--scratch DIR] [--out FILE] [--workers N] [--insecure]
 *   [--server-bin FILE] [--server-args ARGS] [PATTERN…]
 *
 * Runs the KurrentDB Node client's own tests (`packages/test` of a KurrentDB-Client-NodeJS
 * checkout) against fresh embedded servers, one per test cluster, with the client version this
 * package is built against. Prints pass/fail per file and in total and writes the failing tests
 * to a file. The checkout may also be named by KURRENTDB_CLIENT_CHECKOUT.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isKnownDeviation, knownDeviations } from './known-deviations.js';
import { summarise, writeFailures } from './report.js';
import { isFileOutOfScope, outOfScope } from './scope.js';
import { prepareWorkspace } from './workspace.js';

const packageRoot = path.resolve(import.meta.dirname, '..');

const howToGetACheckout = `The peer run needs a checkout of the KurrentDB Node client's repository, for example:

  git clone https://github.com/kurrent-io/KurrentDB-Client-NodeJS /tmp/kurrentdb-client

(its tests for client 1.3.x are on master as of May 2026). Then:

  npm run conformance:peers -- --checkout /tmp/kurrentdb-client
  # or: KURRENTDB_CLIENT_CHECKOUT=/tmp/kurrentdb-client npm run conformance:peers
`;

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      checkout: { type: 'string' },
      scratch: { type: 'string' },
      out: { type: 'string' },
      workers: { type: 'string', default: '1' },
      insecure: { type: 'boolean', default: false },
      'server-bin': { type: 'string' },
      // Real test nodes run EVENTSTORE_RUN_PROJECTIONS=All without starting the standard projections.
      'server-args': { type: 'string', default: '--run-projections all --start-standard-projections false' },
    },
  });
}

function installedClientVersion(): string {
  const require = createRequire(path.join(packageRoot, 'package.json'));
  return (JSON.parse(fs.readFileSync(require.resolve('@kurrent/kurrentdb-client/package.json'), 'utf8')) as { version: string }).version;
}

/** Test files under `src/` that the run includes: everything jest would match, minus out-of-scope files. */
function testFiles(testsRoot: string, patterns: string[]): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const relative = path.relative(testsRoot, full);
        const isTest = relative.endsWith('.test.ts') || (relative.startsWith('samples/') && relative.endsWith('.ts'));
        if (isTest && !isFileOutOfScope(relative) && (patterns.length === 0 || patterns.some((p) => relative.includes(p)))) files.push(relative);
      }
    }
  };
  walk(testsRoot);
  return files.sort();
}

function main(): number {
  const { values, positionals } = parse();
  const checkout = values.checkout ?? process.env.KURRENTDB_CLIENT_CHECKOUT;
  if (!checkout || !fs.existsSync(path.join(checkout, 'packages/test/src'))) {
    process.stderr.write(checkout ? `${checkout} holds no packages/test/src.\n\n${howToGetACheckout}` : howToGetACheckout);
    return 2;
  }
  const scratch = path.resolve(values.scratch ?? path.join(os.tmpdir(), 'embedded-kurrentdb-peers'));
  const outFile = path.resolve(values.out ?? path.join(scratch, 'failing-tests.txt'));
  const clientVersion = installedClientVersion();
  const workspace = prepareWorkspace(path.resolve(checkout), scratch, clientVersion);
  const testsRoot = path.join(workspace.root, 'src');
  const files = testFiles(testsRoot, positionals);
  process.stdout.write(`running ${files.length} test files of the client tests against @kurrent/kurrentdb-client ${clientVersion} on embedded servers\n`);

  const jest = spawnSync(
    process.execPath,
    [
      path.join(workspace.root, 'node_modules/jest/bin/jest.js'),
      '--json',
      `--outputFile=${workspace.resultsFile}`,
      `--maxWorkers=${values.workers}`,
      '--reporters=<rootDir>/progress-reporter.js',
      '--runTestsByPath',
      ...files.map((file) => path.join(testsRoot, file)),
    ],
    {
      cwd: workspace.root,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: {
        ...process.env,
        EMBEDDED_KURRENTDB_BIN: path.resolve(values['server-bin'] ?? path.join(packageRoot, 'bin/embedded-kurrentdb.js')),
        EMBEDDED_KURRENTDB_TLS_DIR: values.insecure ? '' : path.join(packageRoot, 'test/support/tls'),
        EMBEDDED_KURRENTDB_DATA_ROOT: workspace.dataRoot,
        EMBEDDED_KURRENTDB_ARGS: values['server-args'],
      },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  fs.writeFileSync(path.join(workspace.root, 'jest-output.log'), jest.stderr ?? '');
  if (!fs.existsSync(workspace.resultsFile)) {
    process.stderr.write(`jest produced no results (exit ${jest.status}); its output is in ${path.join(workspace.root, 'jest-output.log')}\n`);
    return 1;
  }

  const { totals, failures, lines } = summarise(workspace.resultsFile, testsRoot);
  writeFailures(outFile, failures);
  const inScope = totals.passed + totals.failed;
  const rate = inScope === 0 ? 0 : (100 * totals.passed) / inScope;
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  process.stdout.write(`out of scope, not run: ${outOfScope.filter((entry) => !entry.test).length} files; run but not counted: ${totals.outOfScope} tests\n`);
  process.stdout.write(`failing tests: ${outFile}\n`);
  process.stdout.write(`in scope: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${rate.toFixed(1)} % of the run tests passed)\n`);
  const unexpected = failures.filter((failure) => !isKnownDeviation(failure.file, failure.test));
  const failingNames = new Set(failures.map((failure) => `${failure.file} › ${failure.test}`));
  // Only deviations whose file ran can have been fixed; a partial run says nothing of the others.
  const ranFiles = new Set(files);
  const fixed = knownDeviations.filter((d) => ranFiles.has(d.file) && !failingNames.has(`${d.file} › ${d.test}`));
  for (const failure of unexpected) process.stdout.write(`unexpected failure: ${failure.file} › ${failure.test}\n`);
  for (const deviation of fixed) process.stdout.write(`known deviation no longer fails (remove it from known-deviations.ts): ${deviation.file} › ${deviation.test}\n`);
  process.stdout.write(`${totals.failed - unexpected.length} of the failures are documented deviations\n`);
  return unexpected.length === 0 && fixed.length === 0 ? 0 : 1;
}

process.exitCode = main();
