import { Query } from '@nestjs/cqrs';
import type { AccountSummary } from './account-summary.js';

/** The summary of one person's accounts; refused for a person the accounts read model does not know. */
export class GetAccountSummaryQuery extends Query<AccountSummary> {
  constructor(readonly personId: string) {
    super();
  }
}
