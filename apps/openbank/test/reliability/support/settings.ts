import { startTestStores } from '@openbank/testing';
import { randomInt } from 'node:crypto';

/**
 * `npm test` runs a short version of every scenario; `npm run test:reliability` (RELIABILITY=full)
 * runs each at full size; `npm run test:reliability:soak` (RELIABILITY=soak) runs the scenarios
 * with several processes of each kind round after round for RELIABILITY_SOAK_SECONDS (300 unless
 * told), with the same checks after every round, and the whole deployment under kill -9 for
 * RELIABILITY_SOAK_SEEDS runs (20 unless told). RELIABILITY_SEED generates the same workloads,
 * requests and kill schedules again; how concurrent clients interleave still varies.
 */
export type ReliabilityMode = 'short' | 'full' | 'soak';

export const mode: ReliabilityMode = process.env.RELIABILITY === 'full' || process.env.RELIABILITY === 'soak' ? process.env.RELIABILITY : 'short';

export const soakRun = mode === 'soak';

/**
 * RELIABILITY_MULTI_STREAM_APPEND=off runs the scenarios on a KurrentDB without the multi-stream
 * append (as before 25.1), where the transfer process moves every transfer step by step.
 */
export const multiStreamAppendByDefault = process.env.RELIABILITY_MULTI_STREAM_APPEND !== 'off';

/** In-process test stores for the scenarios that run the application in the test's own process. */
export const reliabilityStores = () => startTestStores({ multiStreamAppend: multiStreamAppendByDefault });

/** The embedded KurrentDB's flags for a store with or without the multi-stream append. */
export const kurrentdbFlags = (multiStreamAppend: boolean) => (multiStreamAppend ? [] : ['--multi-stream-append', 'off']);

/** How long a soak keeps a scenario's load going, round after round. */
export const soakSeconds = Number(process.env.RELIABILITY_SOAK_SECONDS ?? 300);

export const reliabilitySeed = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : randomInt(2 ** 31 - 1);

/** The short size in `npm test`, the full one otherwise (a soak's rounds are full-size too). */
export function sized<T>(short: T, full: T): T {
  return mode === 'short' ? short : full;
}

/** Whether a scenario starts another round: always a first one, more only in a soak until its time is up. */
export function anotherRound(startedAt: number, rounds: number): boolean {
  return rounds === 0 || (soakRun && Date.now() - startedAt < soakSeconds * 1000);
}

/** A scenario's Jest timeout: its short or full one, plus the soak's duration in a soak. */
export function scenarioTimeout(short: number, full: number): number {
  return soakRun ? full + soakSeconds * 1000 : sized(short, full);
}

/** Prints what a scenario tried, with the seed that reproduces it. */
export function report(scenario: string, counts: Record<string, number | string>): void {
  const figures = Object.entries(counts).map(([name, value]) => `${name}=${value}`);
  console.info(`[reliability] ${scenario} (${mode}, RELIABILITY_SEED=${reliabilitySeed}): ${figures.join(' ')}`);
}

/** Limits that never get in the way of the load the scenarios generate. */
export const loadFriendlySettings = {
  RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '100000000',
  VELOCITY_MAX_OUTGOING_PER_HOUR: '100000000',
  VELOCITY_MAX_OUTGOING_PER_DAY: '9000000000.00',
  MAX_TRANSACTION_AMOUNT: '1000000000.00',
};
