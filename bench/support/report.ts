import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '@openbank/testing';

export type Row = Record<string, string | number>;

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cell = (value: string | number) => (typeof value === 'number' ? formatNumber(value) : value);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column] ?? '').length)));
  const line = (values: string[]) => values.map((value, index) => value.padStart(widths[index])).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column] ?? ''))));
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** The machine the figures were measured on, recorded next to them. */
export function machine() {
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
}

interface SectionResult {
  readonly measuredAt: string;
  readonly commit: string;
  readonly machine: ReturnType<typeof machine>;
  readonly rows: Row[];
}

/**
 * Writes the sections of one benchmark to bench/results/<name>.json. Sections measured by an
 * earlier run and not by this one are kept, each with the time, commit and machine of its own
 * measurement, so `--only` refreshes some figures without losing the others.
 */
export function writeResults(name: string, sections: Record<string, Row[]>): string {
  const directory = join(repositoryRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.json`);
  const measured = { measuredAt: new Date().toISOString(), commit: currentCommit(), machine: machine() };
  const fresh = Object.fromEntries(Object.entries(sections).map(([key, rows]) => [key, { ...measured, rows }]));
  const merged: Record<string, SectionResult> = { ...earlierSections(file), ...fresh };
  writeFileSync(file, JSON.stringify({ sections: merged }, null, 2) + '\n');
  return file;
}

function earlierSections(file: string): Record<string, SectionResult> {
  if (!existsSync(file)) return {};
  const earlier = JSON.parse(readFileSync(file, 'utf8'));
  return earlier.sections ?? {};
}

function currentCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repositoryRoot, encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}
