import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { parseOptions, UsageError, USAGE } from './options.js';
import { fileLine, totalsLine, totalsOf, writeFailures } from './report.js';
import { runTestFile, type FileResult } from './run-test-file.js';
import { inspectCheckout, MissingCheckoutError, prepareSuite } from './scratch-install.js';

const PACKAGE_ROOT = join(import.meta.dirname, '..');

/**
 * `npm run conformance:peers`: mongoose's own test suite against the embedded server, one fresh
 * server per test file. Exits 0 when every test that ran passed, 1 otherwise, 2 when it could not run.
 */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!options.mongooseSrc) {
    throw new UsageError(`no mongoose checkout given: pass --mongoose DIR or set MONGOOSE_SRC.\n\n${USAGE}`);
  }
  inspectCheckout(options.mongooseSrc);
  for (const [dir, what] of [[options.mongooseSrc, 'the checkout'], [PACKAGE_ROOT, 'this package']] as const) {
    const inside = relative(dir, options.scratchDir);
    if (!inside.startsWith('..') && !isAbsolute(inside)) throw new UsageError(`the scratch directory ${options.scratchDir} must lie outside ${what}`);
  }
  const suite = prepareSuite(options.mongooseSrc, options.scratchDir, (line) => console.log(line));
  if (suite.version !== '9.9.3') console.log(`note: the checkout is mongoose ${suite.version}; the figures in the README are for 9.9.3`);

  const testDir = join(suite.root, 'test');
  const all = readdirSync(testDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !f.startsWith('encryption/')) // needs mongodb-client-encryption and a replica set, as upstream's `npm test` excludes it
    .sort();
  const files = options.only.length === 0 ? all : all.filter((f) => options.only.includes(f));
  const unknown = options.only.filter((f) => !all.includes(f));
  if (unknown.length > 0) throw new UsageError(`not test files of the suite: ${unknown.join(', ')}`);

  console.log(`mongoose ${suite.version} test suite, mongodb driver ${suite.driverVersion}, ${files.length} files, ${options.jobs} at a time`);
  const logDir = join(options.scratchDir, 'logs');
  const results: FileResult[] = [];
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const result = await runTestFile(suite, file, logDir, options.fileTimeoutMs);
      results.push(result);
      console.log(fileLine(result));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, files.length) }, worker));
  results.sort((a, b) => a.file.localeCompare(b.file));

  const totals = totalsOf(results);
  const summary = totalsLine(totals);
  console.log(summary);
  writeFailures(options.failuresFile, results, `# mongoose ${suite.version}, mongodb driver ${suite.driverVersion}: ${summary}`);
  console.log(`failing tests listed in ${options.failuresFile}; per-file logs in ${logDir}`);
  return totals.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    if (err instanceof UsageError || err instanceof MissingCheckoutError) {
      console.error(err.message);
      if (err instanceof MissingCheckoutError) {
        console.error('get one with: git clone --branch 9.9.3 --depth 1 https://github.com/Automattic/mongoose');
      }
    } else console.error(`conformance:peers: ${err.stack ?? err.message}`);
    process.exit(2);
  },
);
