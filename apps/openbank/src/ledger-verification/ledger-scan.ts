import type { AccountTransaction } from '@openbank/accounts';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { Money } from '@openbank/shared-kernel';

/** An account as its own events tell it. */
export interface ScannedAccount {
  readonly id: string;
  readonly currency: string;
  /** The sum of every movement recorded on the account (IN minus OUT), in minor units. */
  balanceMinor: number;
  /** The balance the account recorded after its last movement (it must equal `balanceMinor`). */
  recordedBalanceMinor: number;
  transactions: number;
  status: 'ACTIVE' | 'CLOSED';
  /** Revision of the last event of the account stream. */
  revision: number;
  /** The first movement whose recorded balance did not add up, if any. */
  recordedBalanceMismatch?: { readonly transactionId: string; readonly recordedMinor: number; readonly computedMinor: number };
}

export type ScannedTransferStatus = 'INITIATED' | 'SOURCE_DEBITED' | 'CREDIT_REFUSED' | 'COMPLETED' | 'FAILED';

/** A transfer as its own stream tells it, and the money its legs moved on the accounts. */
export interface ScannedTransfer {
  readonly id: string;
  status?: ScannedTransferStatus;
  fromAccountId?: string;
  toAccountId?: string;
  amountMinor?: number;
  currency?: string;
  initiatedAt?: string;
  compensated?: boolean;
  /** Legs recorded on the accounts under this transfer, in minor units. */
  debitedMinor: number;
  creditedMinor: number;
  reversedMinor: number;
}

/** Money that entered or left the bank (everything but transfers), per currency, in minor units. */
export interface CurrencyFlows {
  deposits: number;
  interest: number;
  withdrawals: number;
}

export interface UnreadableEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly error: string;
}

type AccountEventType =
  | 'BankAccountCreatedDomainEventV1'
  | 'BankAccountCreatedDomainEventV2'
  | 'OverdraftLimitChangedDomainEventV1'
  | 'BankAccountClosedDomainEventV1'
  | 'BankAccountTransactionRecordedDomainEventV1';

/**
 * The ledger recomputed from the event store alone: every account's balance from its movements,
 * every transfer's state and legs, and the money that entered and left the bank. Events are fed
 * in $all order; the scan can be continued with the events written after the last one it saw.
 */
export class LedgerScan {
  readonly accounts = new Map<string, ScannedAccount>();
  readonly transfers = new Map<string, ScannedTransfer>();
  readonly flows = new Map<string, CurrencyFlows>();

  /** Events whose data does not make sense (a malformed event appended by another tool, say). */
  readonly unreadable: UnreadableEvent[] = [];
  eventsRead = 0;

  apply(recorded: RecordedDomainEvent): void {
    this.eventsRead++;
    const { event } = recorded;
    const data = event.data as Record<string, unknown>;
    try {
      if (event.type.startsWith('Transfer')) this.applyTransfer(event.type, data);
      else this.applyAccount(event.type as AccountEventType, data, Number(recorded.revision));
    } catch (error) {
      this.unreadable.push({ streamId: recorded.streamId, revision: Number(recorded.revision), type: recorded.storedType, error: String(error) });
    }
  }

  /** Transfers whose stream has not reached COMPLETED or FAILED. */
  unsettledTransfers(): ScannedTransfer[] {
    return [...this.transfers.values()].filter((transfer) => !isSettled(transfer));
  }

  private applyAccount(type: AccountEventType, data: Record<string, unknown>, revision: number): void {
    const accountId = data.accountId as string;
    // V2 as the event store's reader upcasts it; V1 as an older version stored it.
    if (type === 'BankAccountCreatedDomainEventV2' || type === 'BankAccountCreatedDomainEventV1') {
      this.accounts.set(accountId, { id: accountId, currency: data.currency as string, balanceMinor: 0, recordedBalanceMinor: 0, transactions: 0, status: 'ACTIVE', revision });
      return;
    }
    const account = this.accounts.get(accountId);
    if (!account) return;
    account.revision = revision;
    if (type === 'BankAccountClosedDomainEventV1') account.status = 'CLOSED';
    if (type === 'BankAccountTransactionRecordedDomainEventV1') this.applyMovement(account, data.transaction as AccountTransaction);
  }

  private applyMovement(account: ScannedAccount, transaction: AccountTransaction): void {
    const amount = Money.fromJSON(transaction.amount);
    const signed = transaction.direction === 'IN' ? amount.minor : -amount.minor;
    account.balanceMinor = Money.ofMinor(account.balanceMinor + signed, account.currency).minor;
    account.recordedBalanceMinor = transaction.balanceAfter.minor;
    account.transactions++;
    if (account.recordedBalanceMinor !== account.balanceMinor && !account.recordedBalanceMismatch) {
      account.recordedBalanceMismatch = { transactionId: transaction.transactionId, recordedMinor: account.recordedBalanceMinor, computedMinor: account.balanceMinor };
    }
    if (transaction.type === 'TRANSFER' && transaction.transferId) return this.applyLeg(transaction.transferId, transaction, amount.minor);
    const flows = this.flowsOf(amount.currency.code);
    if (transaction.type === 'DEPOSIT') flows.deposits += signed;
    else if (transaction.type === 'INTEREST') flows.interest += signed;
    else if (transaction.type === 'WITHDRAWAL') flows.withdrawals -= signed;
  }

  private applyLeg(transferId: string, transaction: AccountTransaction, minor: number): void {
    const transfer = this.transferOf(transferId);
    if (transaction.direction === 'OUT') transfer.debitedMinor += minor;
    else if (transaction.reverses) transfer.reversedMinor += minor;
    else transfer.creditedMinor += minor;
  }

  private applyTransfer(type: string, data: Record<string, unknown>): void {
    const transfer = this.transferOf(data.transferId as string);
    switch (type) {
      case 'TransferInitiatedDomainEventV1': {
        const amount = data.amount as { minor: number; currency: string };
        Object.assign(transfer, {
          status: 'INITIATED',
          fromAccountId: data.fromAccountId,
          toAccountId: data.toAccountId,
          amountMinor: amount.minor,
          currency: amount.currency,
          initiatedAt: data.initiatedAt,
        });
        return;
      }
      case 'TransferSourceDebitedDomainEventV1':
        transfer.status = 'SOURCE_DEBITED';
        return;
      case 'TransferCreditRefusedDomainEventV1':
        transfer.status = 'CREDIT_REFUSED';
        return;
      case 'TransferCompletedDomainEventV1':
        transfer.status = 'COMPLETED';
        return;
      case 'TransferFailedDomainEventV1':
        transfer.status = 'FAILED';
        transfer.compensated = data.compensated === true;
        return;
    }
  }

  private transferOf(id: string): ScannedTransfer {
    let transfer = this.transfers.get(id);
    if (!transfer) this.transfers.set(id, (transfer = { id, debitedMinor: 0, creditedMinor: 0, reversedMinor: 0 }));
    return transfer;
  }

  private flowsOf(currency: string): CurrencyFlows {
    let flows = this.flows.get(currency);
    if (!flows) this.flows.set(currency, (flows = { deposits: 0, interest: 0, withdrawals: 0 }));
    return flows;
  }
}

export function isSettled(transfer: ScannedTransfer): boolean {
  return transfer.status === 'COMPLETED' || transfer.status === 'FAILED';
}

/** Money that left a source and has not reached the target nor come back (yet), in minor units. */
export function inFlightMinor(transfer: ScannedTransfer): number {
  return transfer.debitedMinor - transfer.creditedMinor - transfer.reversedMinor;
}
