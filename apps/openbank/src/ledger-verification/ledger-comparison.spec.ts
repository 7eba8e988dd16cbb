import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { compareLedger, type AccountReadModel } from './ledger-comparison.js';
import { LedgerScan } from './ledger-scan.js';

/** Builds the events of a small ledger, stream by stream, as the event store would return them. */
class Ledger {
  readonly scan = new LedgerScan();
  private readonly revisions = new Map<string, number>();
  private transactions = 0;

  private record(streamId: string, type: string, data: object): void {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const event = { type, data };
    this.scan.apply({ event, streamId, revision: BigInt(revision), eventId: `${streamId}@${revision}`, storedType: type, metadata: {} } as unknown as RecordedDomainEvent);
  }

  open(accountId: string): this {
    this.record(`account-${accountId}`, 'BankAccountCreatedDomainEventV1', { accountId, ownerId: 'owner', currency: 'EUR', overdraftLimit: { minor: 0, currency: 'EUR' }, openedAt: '2026-11-01T00:00:00Z' });
    return this;
  }

  move(accountId: string, type: string, direction: 'IN' | 'OUT', minor: number, extra: { transferId?: string; reverses?: string; balanceAfter?: number } = {}): this {
    const balance = this.scan.accounts.get(accountId)!.balanceMinor + (direction === 'IN' ? minor : -minor);
    this.record(`account-${accountId}`, 'BankAccountTransactionRecordedDomainEventV1', {
      accountId,
      transaction: {
        transactionId: `t${++this.transactions}`,
        type,
        direction,
        amount: { minor, currency: 'EUR' },
        description: type,
        balanceAfter: { minor: extra.balanceAfter ?? balance, currency: 'EUR' },
        at: '2026-11-02T00:00:00Z',
        ...(extra.transferId ? { transferId: extra.transferId } : {}),
        ...(extra.reverses ? { reverses: extra.reverses } : {}),
      },
    });
    return this;
  }

  transfer(transferId: string, from: string, to: string, minor: number, ...steps: ('debit' | 'credit' | 'reverse' | 'complete' | 'fail' | 'fail-compensated')[]): this {
    const stream = `transfer-${transferId}`;
    this.record(stream, 'TransferInitiatedDomainEventV1', { transferId, fromAccountId: from, toAccountId: to, amount: { minor, currency: 'EUR' }, description: '', initiatedAt: '2026-11-02T00:00:00Z' });
    for (const step of steps) {
      if (step === 'debit') this.move(from, 'TRANSFER', 'OUT', minor, { transferId }).record(stream, 'TransferSourceDebitedDomainEventV1', { transferId, transactionId: 'd' });
      if (step === 'credit') this.move(to, 'TRANSFER', 'IN', minor, { transferId }).record(stream, 'TransferTargetCreditedDomainEventV1', { transferId, transactionId: 'c' });
      if (step === 'reverse') this.move(from, 'TRANSFER', 'IN', minor, { transferId, reverses: 'd' }).record(stream, 'TransferDebitReversedDomainEventV1', { transferId, transactionId: 'r' });
      if (step === 'complete') this.record(stream, 'TransferCompletedDomainEventV1', { transferId, completedAt: '2026-11-02T00:00:01Z' });
      if (step === 'fail') this.record(stream, 'TransferFailedDomainEventV1', { transferId, code: 'INSUFFICIENT_FUNDS', reason: '', compensated: false, failedAt: '' });
      if (step === 'fail-compensated') this.record(stream, 'TransferFailedDomainEventV1', { transferId, code: 'BANK_ACCOUNT_CLOSED', reason: '', compensated: true, failedAt: '' });
    }
    return this;
  }

  close(accountId: string): this {
    this.record(`account-${accountId}`, 'BankAccountClosedDomainEventV1', { accountId, reason: 'done', finalBalance: { minor: 0, currency: 'EUR' }, closedAt: '2026-11-03T00:00:00Z' });
    return this;
  }

  /** The read model exactly as the events say, unless told otherwise. */
  readModels(changes: Record<string, Partial<AccountReadModel> | 'missing'> = {}): Map<string, AccountReadModel | undefined> {
    return new Map(
      [...this.scan.accounts.values()].map((account) => {
        const change = changes[account.id];
        if (change === 'missing') return [account.id, undefined];
        return [account.id, { balance_minor: account.balanceMinor, currency: account.currency, status: account.status, transactions_count: account.transactions, last_revision: account.revision, ...change }];
      }),
    );
  }
}

/** A bank where money came in, went out, earned interest and moved between accounts. */
function busyLedger(): Ledger {
  return new Ledger()
    .open('a')
    .open('b')
    .open('c')
    .move('a', 'DEPOSIT', 'IN', 100_00)
    .move('b', 'DEPOSIT', 'IN', 50_00)
    .move('a', 'WITHDRAWAL', 'OUT', 20_00)
    .move('b', 'INTEREST', 'IN', 1_25)
    .transfer('t1', 'a', 'b', 30_00, 'debit', 'credit', 'complete')
    .transfer('t2', 'b', 'c', 10_00, 'debit', 'reverse', 'fail-compensated')
    .transfer('t3', 'c', 'a', 5_00, 'fail');
}

const noneUnsettled = new Set<string>();

describe('the ledger check', () => {
  it('passes a ledger whose read model agrees with its events, with every transfer settled and money conserved', () => {
    const ledger = busyLedger();
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels(), unsettledAtStart: noneUnsettled });

    expect(report).toMatchObject({
      ok: true,
      differences: [],
      accounts: { checked: 3, matching: 3, changed_during_check: 0 },
      transfers: { checked: 3, completed: 1, failed: 2, in_flight: 0 },
    });
    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        deposits: '150.00',
        interest: '1.25',
        withdrawals: '20.00',
        in_flight: '0.00',
        expected_balance_sum: '131.25',
        event_store_balance_sum: '131.25',
        read_model_balance_sum: '131.25',
        conserved: true,
      },
    ]);
  });

  it('names the account whose read-model balance differs from its events, and the broken conservation', () => {
    const ledger = busyLedger();
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels({ a: { balance_minor: 9999_99 } }), unsettledAtStart: noneUnsettled });

    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'BALANCE_MISMATCH', account_id: 'a', expected: '50.00', actual: '9999.99', detail: 'account a has 9999.99 EUR in the read model, 50.00 EUR from its events' }),
      expect.objectContaining({ kind: 'CONSERVATION_VIOLATED', currency: 'EUR', expected: '131.25', actual: '10081.24' }),
    ]);
    expect(report.accounts.matching).toBe(2);
  });

  it('reports read model documents that are missing, behind, stale or count differently', () => {
    const ledger = busyLedger().close('c');
    const report = compareLedger({
      scan: ledger.scan,
      readModels: ledger.readModels({ a: 'missing', b: { last_revision: 1, transactions_count: 1, stale: true }, c: { status: 'ACTIVE' } }),
      unsettledAtStart: noneUnsettled,
      readModelLag: { projection: 'bank-account-details', detail: 'not caught up' },
    });

    expect(report.read_models_caught_up).toBe(false);
    expect(report.differences.map((difference) => `${difference.kind} ${difference.account_id ?? difference.projection ?? difference.currency}`)).toEqual([
      'READ_MODEL_NOT_CAUGHT_UP bank-account-details',
      'ACCOUNT_MISSING_FROM_READ_MODEL a',
      'READ_MODEL_BEHIND b',
      'READ_MODEL_STALE b',
      'TRANSACTION_COUNT_MISMATCH b',
      'STATUS_MISMATCH c',
      'CONSERVATION_VIOLATED EUR',
    ]);
  });

  it('leaves alone a document that moved past the verified position while it was checked', () => {
    const ledger = busyLedger();
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels({ a: { last_revision: 99, balance_minor: 1 } }), unsettledAtStart: noneUnsettled });

    expect(report).toMatchObject({ ok: true, accounts: { checked: 3, matching: 2, changed_during_check: 1 } });
  });

  it('finds an account whose recorded balance does not add up to its movements', () => {
    const ledger = new Ledger().open('a').move('a', 'DEPOSIT', 'IN', 10_00).move('a', 'DEPOSIT', 'IN', 5_00, { balanceAfter: 16_00 });
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels(), unsettledAtStart: noneUnsettled });

    expect(report.differences).toEqual([
      expect.objectContaining({ kind: 'RECORDED_BALANCE_MISMATCH', account_id: 'a', expected: '15.00', actual: '16.00' }),
      expect.objectContaining({ kind: 'CONSERVATION_VIOLATED', expected: '15.00' }),
    ]);
  });

  it('counts a transfer that started during the check as in flight, and one that never settled as a difference', () => {
    const ledger = new Ledger().open('a').open('b').move('a', 'DEPOSIT', 'IN', 100_00).transfer('young', 'a', 'b', 10_00, 'debit').transfer('stuck', 'a', 'b', 20_00);

    const young = compareLedger({ scan: ledger.scan, readModels: ledger.readModels(), unsettledAtStart: noneUnsettled });
    expect(young).toMatchObject({ ok: true, transfers: { checked: 2, in_flight: 2 } });
    expect(young.totals[0]).toMatchObject({ in_flight: '10.00', expected_balance_sum: '90.00', read_model_balance_sum: '90.00', conserved: true });

    const stuck = compareLedger({ scan: ledger.scan, readModels: ledger.readModels(), unsettledAtStart: new Set(['stuck']) });
    expect(stuck.ok).toBe(false);
    expect(stuck.differences).toEqual([expect.objectContaining({ kind: 'TRANSFER_NOT_SETTLED', transfer_id: 'stuck', detail: expect.stringContaining('is still INITIATED') })]);
  });

  it('reports an event it cannot make sense of rather than failing', () => {
    const ledger = new Ledger().open('a').move('a', 'DEPOSIT', 'IN', 10_00);
    ledger.scan.apply({
      event: { type: 'BankAccountTransactionRecordedDomainEventV1', data: { accountId: 'a', transaction: { type: 'DEPOSIT', direction: 'IN' } } },
      streamId: 'account-a',
      revision: 2n,
      storedType: 'BankAccountTransactionRecordedDomainEventV1',
    } as unknown as RecordedDomainEvent);
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels({ a: { last_revision: 2 } }), unsettledAtStart: noneUnsettled });

    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([expect.objectContaining({ kind: 'UNREADABLE_EVENT', stream: 'account-a', detail: expect.stringMatching(/^BankAccountTransactionRecordedDomainEventV1 at account-a@2 does not make sense/) })]);
  });

  it('finds a settled transfer whose legs do not move exactly its amount', () => {
    const ledger = new Ledger().open('a').open('b').move('a', 'DEPOSIT', 'IN', 100_00).transfer('t', 'a', 'b', 10_00, 'debit', 'complete').move('b', 'TRANSFER', 'IN', 7_00, { transferId: 'ghost' });
    const report = compareLedger({ scan: ledger.scan, readModels: ledger.readModels(), unsettledAtStart: noneUnsettled });

    expect(report.differences.map((difference) => `${difference.kind} ${difference.transfer_id ?? difference.currency}`)).toEqual([
      'TRANSFER_UNBALANCED t',
      'TRANSFER_LEG_WITHOUT_TRANSFER ghost',
      'CONSERVATION_VIOLATED EUR',
    ]);
    expect(report.differences[0].detail).toBe('transfer t is COMPLETED for 10.00 EUR, but its legs debited 10.00 EUR, credited 0.00 EUR and gave back 0.00 EUR');
  });
});
