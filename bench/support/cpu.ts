import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc: it works for any child process. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** A CPU meter over several processes: read it before and after the work, divide by the operations. */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return {
    /** CPU ms of each process since the meter started. */
    used(): Record<string, number> {
      return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid) - start[name]]));
    },
    /** CPU ms of each process since the meter started, per operation (at least one). */
    perOperation(operations: number): Record<string, number> {
      return Object.fromEntries(Object.entries(this.used()).map(([name, ms]) => [name, ms / Math.max(1, operations)]));
    },
  };
}

/** The processes a process started (the API starts its projector as a child, as `npm start` does). */
export function childPids(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}
