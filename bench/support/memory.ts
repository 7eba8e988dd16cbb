import { execFileSync } from 'node:child_process';

/** Resident memory of a process, in MiB (from ps, so it works for any child process). */
export function residentMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim());
  return Math.round((kib / 1024) * 10) / 10;
}
