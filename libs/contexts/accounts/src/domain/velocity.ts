import { Money } from '@openbank/shared-kernel';
import { domainError } from '@openbank/shared-kernel';

export class VelocityLimitExceeded extends domainError('VELOCITY_LIMIT_EXCEEDED', 'rule-violated') {}

/** How fast money may leave one account: withdrawals and outgoing transfers together. */
export interface VelocityLimits {
  /** Most money out in any 24 hours, as decimal text in the account's currency. */
  readonly maxOutgoingPerDay: string;
  /** Most withdrawals and outgoing transfers in any hour. */
  readonly maxOutgoingPerHour: number;
}

/** Money that left the account recently; kept for 24 hours, which is all the limits look at. */
export interface OutgoingEntry {
  readonly at: string;
  readonly minor: number;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The recent outgoing entries as of `at`, with `minor` added when it is money going out. */
export function recentOutgoing(entries: readonly OutgoingEntry[] = [], at: string, minorOut?: number): OutgoingEntry[] {
  const since = Date.parse(at) - dayMs;
  const kept = entries.filter((entry) => Date.parse(entry.at) > since);
  return minorOut === undefined ? kept : [...kept, { at, minor: minorOut }];
}

/** Money out in the 24 hours before `now`, and how many times in the last hour. */
export function outgoingAsOf(entries: readonly OutgoingEntry[] = [], now: Date): { lastDayMinor: number; lastHourCount: number } {
  const lastDay = recentOutgoing(entries, now.toISOString());
  return {
    lastDayMinor: lastDay.reduce((sum, entry) => sum + entry.minor, 0),
    lastHourCount: lastDay.filter((entry) => Date.parse(entry.at) > now.getTime() - hourMs).length,
  };
}

export function assertWithinVelocity(entries: readonly OutgoingEntry[] = [], amount: Money, limits: VelocityLimits, now: Date): void {
  const { lastDayMinor: outToday, lastHourCount } = outgoingAsOf(entries, now);
  if (lastHourCount >= limits.maxOutgoingPerHour) {
    throw new VelocityLimitExceeded(`at most ${limits.maxOutgoingPerHour} withdrawals and outgoing transfers an hour`, { maxOutgoingPerHour: limits.maxOutgoingPerHour });
  }
  const allowance = Money.parse(limits.maxOutgoingPerDay, amount.currency);
  if (Money.ofMinor(outToday, amount.currency).plus(amount).isGreaterThan(allowance)) {
    throw new VelocityLimitExceeded(`at most ${allowance} may leave the account in 24 hours`, {
      maxOutgoingPerDay: allowance.toDecimalString(),
      remaining: Money.ofMinor(Math.max(0, allowance.minor - outToday), amount.currency).toDecimalString(),
    });
  }
}
