import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileResult } from './run-test-file.js';

export interface Totals {
  readonly files: number;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
}

export function fileLine(r: FileResult): string {
  const verdict = r.failed === 0 ? 'PASS' : 'FAIL';
  return `${verdict} ${r.file.padEnd(48)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.pending).padStart(3)} pending  ${r.seconds.toFixed(1)} s`;
}

export function totalsOf(results: FileResult[]): Totals {
  return {
    files: results.length,
    passed: results.reduce((n, r) => n + r.passed, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    pending: results.reduce((n, r) => n + r.pending, 0),
  };
}

export function totalsLine(t: Totals): string {
  const ran = t.passed + t.failed;
  const rate = ran === 0 ? 0 : (100 * t.passed) / ran;
  return `TOTAL ${t.files} files: ${t.passed} passed, ${t.failed} failed, ${t.pending} pending (${rate.toFixed(2)} % of the tests that ran passed)`;
}

/** One line per failing test: `file :: full title :: first line of the error`. */
export function writeFailures(file: string, results: FileResult[], header: string): void {
  const lines = [header];
  for (const r of results) {
    for (const f of r.failures) {
      const error = f.error ? ` :: ${f.error.split('\n')[0]}` : '';
      lines.push(`${r.file} :: ${f.title}${error}`);
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n');
}
