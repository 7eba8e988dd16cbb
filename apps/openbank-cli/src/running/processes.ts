import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the application's command line contains, whether it runs from its sources or its build. */
const appEntry = /apps[/\\]openbank[/\\]src[/\\]main\.(ts|js)/;
/** What the command line of a projector contains. */
const projectorEntry = /apps[/\\]openbank-projector[/\\]src[/\\]main\.(ts|js)/;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive and running OpenBank: a pid file left behind may name a pid reused by another program. */
export function isOpenBankProcess(pid: number): boolean {
  return isAlive(pid) && appEntry.test(commandLineOf(pid));
}

/** The projectors an OpenBank process runs as its children (START_PROJECTOR). */
export function projectorsOf(pid: number): number[] {
  return childrenOf(pid).filter((child) => projectorEntry.test(commandLineOf(child)));
}

function childrenOf(pid: number): number[] {
  try {
    // Linux: the parent is the second field after the command name, which may hold spaces and parentheses.
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    try {
      const listed = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8' });
      return listed
        .split('\n')
        .map((line) => line.trim().split(/\s+/).map(Number))
        .filter(([child, parent]) => parent === pid && Number.isInteger(child))
        .map(([child]) => child);
    } catch {
      return [];
    }
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

/** Resolves true once the process is gone, false if it is still there at the deadline. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}
