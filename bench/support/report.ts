import { mkdirSync, writeFileSync } from 'node:fs';
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

/** Writes the figures of one benchmark to bench/results/<name>.json. */
export function writeResults(name: string, results: unknown): string {
  const directory = join(repositoryRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2) + '\n');
  return file;
}
