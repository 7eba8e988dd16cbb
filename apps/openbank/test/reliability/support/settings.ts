import { randomInt } from 'node:crypto';

/**
 * `npm run test:reliability` (RELIABILITY=full) runs every scenario at full size; `npm test` runs
 * a short version of each. RELIABILITY_SEED generates the same workloads, requests and kill
 * schedules again; how concurrent clients interleave still varies.
 */
export const fullRun = process.env.RELIABILITY === 'full';

export const reliabilitySeed = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : randomInt(2 ** 31 - 1);

export function sized<T>(short: T, full: T): T {
  return fullRun ? full : short;
}

/** Prints what a scenario tried, with the seed that reproduces it. */
export function report(scenario: string, counts: Record<string, number | string>): void {
  const figures = Object.entries(counts).map(([name, value]) => `${name}=${value}`);
  console.info(`[reliability] ${scenario} (${fullRun ? 'full' : 'short'}, RELIABILITY_SEED=${reliabilitySeed}): ${figures.join(' ')}`);
}

/** Limits that never get in the way of the load the scenarios generate. */
export const loadFriendlySettings = {
  RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '100000000',
  VELOCITY_MAX_OUTGOING_PER_HOUR: '100000000',
  VELOCITY_MAX_OUTGOING_PER_DAY: '9000000000.00',
  MAX_TRANSACTION_AMOUNT: '1000000000.00',
};
