import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BankProcesses, Part } from './bank-processes.js';

export interface ChaosPlan {
  /** The processes to kill, in order: every part the same number of times, shuffled. */
  readonly victims: readonly Part[];
  /** For each kill, where it falls between its even share of the load's operations (0.5–1.5), and how long the part stays down (ms). */
  readonly offsets: readonly number[];
  readonly downtimesMs: readonly number[];
}

/** A seeded schedule of `kills` SIGKILLs spread evenly over `parts`. */
export function chaosPlan(parts: readonly Part[], kills: number, seed: number): ChaosPlan {
  const victims = Array.from({ length: kills }, (_, index) => parts[index % parts.length]);
  const jitter = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: kills, maxLength: kills });
  const [order, offsets, downtimesMs] = fc.sample(fc.tuple(fc.shuffledSubarray(victims, { minLength: kills, maxLength: kills }), jitter(50, 150), jitter(0, 1_000)), { seed, numRuns: 1 })[0];
  return { victims: order, offsets: offsets.map((percent) => percent / 100), downtimesMs };
}

export interface Progress {
  /** Operations with a final answer so far, of `total`. */
  done: number;
  readonly total: number;
}

/**
 * Kills the planned victims while the load runs, each started again after its downtime in the
 * background, so that several parts can be down at once. Kills follow the load's progress, not
 * the clock: the n-th of N comes after about n/(N+1) of the operations got their final answer, so
 * every kill lands while the load runs, however fast or slow it goes. Resolves once every part
 * runs again, with the number of kills.
 */
export async function unleashChaos(bank: BankProcesses, plan: ChaosPlan, progress: Progress, loadRunning: () => boolean): Promise<number> {
  const restarts: Promise<void>[] = [];
  let kills = 0;
  for (const [index, planned] of plan.victims.entries()) {
    const due = (progress.total * (index + plan.offsets[index])) / (plan.victims.length + 1);
    while (loadRunning() && progress.done < due) await sleep(20);
    const victim = await nextAlive(bank, planned, loadRunning);
    if (!victim) break;
    await bank.kill(victim);
    kills++;
    restarts.push(sleep(plan.downtimesMs[index]).then(() => startAgain(bank, victim)));
  }
  await Promise.all(restarts);
  return kills;
}

/** The planned victim, or, while it is still down from an earlier kill, the next part that runs. */
async function nextAlive(bank: BankProcesses, planned: Part, loadRunning: () => boolean): Promise<Part | undefined> {
  while (loadRunning()) {
    const alive = bank.alive;
    if (alive.includes(planned)) return planned;
    const parts = bank.parts;
    const next = [...parts.slice(parts.indexOf(planned) + 1), ...parts].find((part) => alive.includes(part));
    if (next) return next;
    await sleep(100);
  }
  return undefined;
}

/** Starts a killed part again; a process that cannot start yet (a store it needs is down) is tried again. */
async function startAgain(bank: BankProcesses, part: Part, withinMs = 120_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await bank.startPart(part);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${part} did not start again within ${withinMs} ms: ${(error as Error).message}`);
      await sleep(500);
    }
  }
}
