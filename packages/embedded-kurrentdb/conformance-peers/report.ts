/**
 * Turns jest's JSON results into the peer run's report: pass/fail/skip per file and in total
 * (in-scope tests only), plus the list of failing tests with the first line of each failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outOfScopeTest } from './scope.js';

interface AssertionResult {
  fullName: string;
  status: 'passed' | 'failed' | 'pending' | 'skipped' | 'todo' | 'disabled';
  failureMessages: string[];
}

interface FileResult {
  name: string;
  assertionResults: AssertionResult[];
  message: string;
}

interface JestResults {
  testResults: FileResult[];
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  outOfScope: number;
}

export interface Failure {
  file: string;
  test: string;
  message: string;
}

const firstLine = (text: string) =>
  text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '') ?? '';

export function summarise(resultsFile: string, testsRoot: string): { totals: Totals; failures: Failure[]; lines: string[] } {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as JestResults;
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, outOfScope: 0 };
  const failures: Failure[] = [];
  const lines: string[] = [];
  const files = [...results.testResults].sort((a, b) => a.name.localeCompare(b.name));
  for (const result of files) {
    const file = path.relative(testsRoot, result.name);
    const counts = { passed: 0, failed: 0, skipped: 0, outOfScope: 0 };
    for (const assertion of result.assertionResults) {
      if (outOfScopeTest(file, assertion.fullName)) {
        counts.outOfScope++;
      } else if (assertion.status === 'passed') {
        counts.passed++;
      } else if (assertion.status === 'failed') {
        counts.failed++;
        failures.push({ file, test: assertion.fullName, message: firstLine(assertion.failureMessages.join('\n')) });
      } else {
        counts.skipped++;
      }
    }
    // A file that failed to load or whose hooks failed has no test results, only a message.
    if (result.assertionResults.length === 0 && result.message) {
      counts.failed++;
      failures.push({ file, test: '(test file)', message: firstLine(result.message) });
    }
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    totals.outOfScope += counts.outOfScope;
    const extra = counts.outOfScope > 0 ? `, ${counts.outOfScope} out of scope` : '';
    lines.push(`${counts.failed > 0 ? 'FAIL' : 'PASS'} ${file}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${extra}`);
  }
  return { totals, failures, lines };
}

export function writeFailures(file: string, failures: Failure[]): void {
  const text = failures.map((failure) => `${failure.file} › ${failure.test}\n    ${failure.message}\n`).join('');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
