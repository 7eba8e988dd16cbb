import { Query } from '@nestjs/cqrs';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { OpenedBankAccount } from '../../domain/bank-account.js';
import type { BankAccountEvent } from '../../domain/bank-account.events.js';

export interface HistoryEntry {
  readonly recorded: RecordedDomainEvent<BankAccountEvent>;
  /** The account right after this event. */
  readonly after: OpenedBankAccount;
  /** Read from the account's archive in cold storage (no longer in the event store). */
  readonly archived?: boolean;
}

export interface AccountHistoryPage {
  readonly entries: HistoryEntry[];
  /** The revision to ask for next, when there are more events. */
  readonly nextFromRevision?: number;
}

/** The account's event timeline, read from its stream: this is a history query, so it replays. */
export class AccountHistoryQuery extends Query<AccountHistoryPage> {
  constructor(
    readonly accountId: string,
    readonly fromRevision: number,
    readonly limit: number,
  ) {
    super();
  }
}
