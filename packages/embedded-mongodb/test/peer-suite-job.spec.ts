import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions, UsageError } from '../conformance-peers/options.js';
import { fileLine, totalsLine, totalsOf, writeFailures } from '../conformance-peers/report.js';
import type { FileResult } from '../conformance-peers/run-test-file.js';

/** The peer-suite job's own logic (option parsing, totals, the failures file); running it needs a mongoose checkout. */
describe('conformance:peers job', () => {
  const result = (file: string, passed: number, failures: string[], pending = 0): FileResult => ({
    file,
    passed,
    failed: failures.length,
    pending,
    failures: failures.map((title) => ({ state: 'failed', title, error: `boom in ${title}\nstack line` })),
    seconds: 1.25,
    logFile: `/logs/${file}.log`,
  });

  it('takes the checkout from --mongoose or MONGOOSE_SRC, and test files as arguments', () => {
    const fromFlag = parseOptions(['--mongoose', '/src/m', '--jobs', '2', 'model.test.js'], {});
    expect(fromFlag).toMatchObject({ mongooseSrc: '/src/m', jobs: 2, only: ['model.test.js'], fileTimeoutMs: 600_000 });
    expect(parseOptions([], { MONGOOSE_SRC: '/env/m', PEERS_SCRATCH: '/scratch' })).toMatchObject({
      mongooseSrc: '/env/m',
      scratchDir: '/scratch',
      failuresFile: '/scratch/mongoose-failures.txt',
    });
    expect(parseOptions([], {}).mongooseSrc).toBeUndefined();
    expect(() => parseOptions(['--jobs', '0'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--no-such-flag'], {})).toThrow();
  });

  it('adds up files and prints a line per file and the totals', () => {
    const results = [result('a.test.js', 10, []), result('b.test.js', 5, ['x', 'y'], 3)];
    const totals = totalsOf(results);
    expect(totals).toEqual({ files: 2, passed: 15, failed: 2, pending: 3 });
    expect(fileLine(results[0])).toMatch(/^PASS a\.test\.js +10 passed +0 failed +0 pending {2}1\.3 s$/);
    expect(fileLine(results[1])).toMatch(/^FAIL b\.test\.js/);
    expect(totalsLine(totals)).toBe('TOTAL 2 files: 15 passed, 2 failed, 3 pending (88.24 % of the tests that ran passed)');
  });

  it('writes one line per failing test with the first line of its error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-job-'));
    try {
      const file = join(dir, 'nested', 'failures.txt');
      writeFailures(file, [result('a.test.js', 1, []), result('b.test.js', 0, ['suite test one'])], '# header');
      expect(readFileSync(file, 'utf8')).toBe('# header\nb.test.js :: suite test one :: boom in suite test one\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
