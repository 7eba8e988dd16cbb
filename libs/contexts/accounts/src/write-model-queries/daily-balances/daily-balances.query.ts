import { Query } from '@nestjs/cqrs';

export interface DailyClosingBalance {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  /** The balance at the end of that day, in minor units of the account's currency. */
  readonly closingMinor: number;
}

export interface DailyClosingBalances {
  readonly currency: string;
  readonly days: readonly DailyClosingBalance[];
}

/**
 * The balance at the end of each UTC day from `from` (included) to `to` (excluded), rebuilt from
 * the account's events. Days before the account was opened have a balance of zero.
 */
export class DailyClosingBalancesQuery extends Query<DailyClosingBalances> {
  constructor(
    readonly accountId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
