import Table from 'cli-table3';
import type { OutputStream } from '../cli-io.js';

export type Cell = string | number | boolean | undefined | null;

/** No rule between rows: one line per row reads better and stays short. */
const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A boxed table; colours only on a terminal, so piped output stays plain. */
export function table(head: string[], rows: Cell[][], stream: OutputStream): string {
  const rendered = new Table({ head, chars: compact, style: stream.isTTY ? { head: ['cyan'] } : { head: [], border: [] } });
  rendered.push(...rows.map((row) => row.map((cell) => (cell === undefined || cell === null ? '' : String(cell)))));
  return `${rendered.toString()}\n`;
}

/** Two columns: what, and its value. */
export function details(rows: [string, Cell][], stream: OutputStream): string {
  const rendered = new Table({ chars: compact, style: stream.isTTY ? {} : { head: [], border: [] } });
  rendered.push(...rows.map(([name, value]) => ({ [name]: value === undefined || value === null ? '' : String(value) })));
  return `${rendered.toString()}\n`;
}
