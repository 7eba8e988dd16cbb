import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@openbank/event-sourcing';
import type { RecordedAccountTransaction } from '../recorded-transaction.js';

/** Either a rate to compute the interest from, or the interest amount itself. */
export type InterestTerms = { readonly annualRate: string } | { readonly amount: string };

export class ApplyInterestCommand extends Command<RecordedAccountTransaction> {
  constructor(
    readonly accountId: string,
    readonly terms: InterestTerms,
    /** First day (YYYY-MM-DD, UTC), included. */
    readonly from: string,
    /** Day after the last (YYYY-MM-DD, UTC), excluded. */
    readonly to: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
