import { Scenario } from '@openbank/testing';
import { Transfer } from '../../domain/transfer.js';
import {
  TransferCompletedDomainEventV1,
  TransferCreditRefusedDomainEventV1,
  TransferDebitReversedDomainEventV1,
  TransferFailedDomainEventV1,
  TransferInitiatedDomainEventV1,
  TransferSourceDebitedDomainEventV1,
  TransferTargetCreditedDomainEventV1,
  type TransferEvent,
} from '../../domain/transfer.events.js';
import { TransferDetailsProjection } from './transfer-details.projection.js';
import { transfersCollection, type TransferDetails } from './transfer-details.schema.js';

const transfer = 'c0000000-0000-4000-8000-000000000001';
const source = 'a0000000-0000-4000-8000-000000000001';
const target = 'a0000000-0000-4000-8000-000000000002';
const [initiatedAt, debitedAt, creditedAt, settledAt] = ['10:00:00', '10:00:01', '10:00:02', '10:00:03'].map((time) => new Date(`2026-11-22T${time}.000Z`));
const closed = `bank account ${target} is closed`;
const initiated = new TransferInitiatedDomainEventV1({ transferId: transfer, fromAccountId: source, toAccountId: target, amount: { minor: 4000, currency: 'EUR' }, description: 'Rent share', initiatedAt: initiatedAt.toISOString() });
const debited = new TransferSourceDebitedDomainEventV1({ transferId: transfer, transactionId: 'debit-1' });

const inFlight: TransferDetails = {
  _id: transfer,
  from_account_id: source,
  to_account_id: target,
  amount_minor: 4000,
  currency: 'EUR',
  description: 'Rent share',
  status: 'SOURCE_DEBITED',
  steps: [
    { step: 'INITIATED', at: initiatedAt },
    { step: 'SOURCE_DEBITED', at: debitedAt, transaction_id: 'debit-1' },
  ],
  initiated_at: initiatedAt,
  last_revision: 1,
};
const completed: TransferDetails = {
  ...inFlight,
  status: 'COMPLETED',
  steps: [...inFlight.steps, { step: 'TARGET_CREDITED', at: creditedAt, transaction_id: 'credit-1' }, { step: 'COMPLETED', at: creditedAt }],
  settled_at: creditedAt,
  last_revision: 3,
};
const compensated: TransferDetails = {
  ...inFlight,
  status: 'FAILED',
  steps: [
    ...inFlight.steps,
    { step: 'CREDIT_REFUSED', at: creditedAt, code: 'BANK_ACCOUNT_CLOSED', reason: closed },
    { step: 'DEBIT_REVERSED', at: settledAt, transaction_id: 'reversal-1' },
    { step: 'FAILED', at: settledAt, code: 'BANK_ACCOUNT_CLOSED', reason: closed },
  ],
  failure_code: 'BANK_ACCOUNT_CLOSED',
  failure_reason: closed,
  compensated: true,
  settled_at: settledAt,
  last_revision: 4,
};

describe('the transfer-details projection', () => {
  let scenario: Scenario;
  let projection: TransferDetailsProjection;
  const documents = () => scenario.readModels.all<TransferDetails>(transfersCollection);

  /** The transfer's events, each step at its own time. */
  async function given(...steps: [Date, ...TransferEvent[]][]) {
    for (const [at, ...events] of steps) {
      scenario.clock.set(at);
      await scenario.given(Transfer, transfer, ...events);
    }
  }
  const givenCompleted = () =>
    given([initiatedAt, initiated], [debitedAt, debited], [creditedAt, new TransferTargetCreditedDomainEventV1({ transferId: transfer, transactionId: 'credit-1' }), new TransferCompletedDomainEventV1({ transferId: transfer, completedAt: creditedAt.toISOString() })]);
  const givenCompensated = () =>
    given(
      [initiatedAt, initiated],
      [debitedAt, debited],
      [creditedAt, new TransferCreditRefusedDomainEventV1({ transferId: transfer, code: 'BANK_ACCOUNT_CLOSED', reason: closed })],
      [
        settledAt,
        new TransferDebitReversedDomainEventV1({ transferId: transfer, transactionId: 'reversal-1' }),
        new TransferFailedDomainEventV1({ transferId: transfer, code: 'BANK_ACCOUNT_CLOSED', reason: closed, compensated: true, failedAt: settledAt.toISOString() }),
      ],
    );

  beforeEach(async () => {
    scenario = await Scenario.start([Transfer]);
    projection = new TransferDetailsProjection(scenario.readModels, scenario.repository);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('shows a transfer on its way: where it stands and each step so far, with its time', async () => {
    await given([initiatedAt, initiated], [debitedAt, debited]);
    await projection.project(scenario.records());
    expect(documents()).toEqual([inFlight]);
  });

  it('shows a completed transfer with both legs and when it settled', async () => {
    await givenCompleted();
    await projection.project(scenario.records());
    expect(documents()).toEqual([completed]);
  });

  it('shows a transfer whose debit was given back: failed, compensated, with the target’s refusal', async () => {
    await givenCompensated();
    await projection.project(scenario.records());
    expect(documents()).toEqual([compensated]);
  });

  it('shows a transfer whose debit was refused: failed, not compensated', async () => {
    await given([initiatedAt, initiated], [debitedAt, new TransferFailedDomainEventV1({ transferId: transfer, code: 'INSUFFICIENT_FUNDS', reason: 'not enough', compensated: false, failedAt: debitedAt.toISOString() })]);
    await projection.project(scenario.records());
    expect(documents()).toEqual([
      {
        ...inFlight,
        status: 'FAILED',
        steps: [inFlight.steps[0], { step: 'FAILED', at: debitedAt, code: 'INSUFFICIENT_FUNDS', reason: 'not enough' }],
        failure_code: 'INSUFFICIENT_FUNDS',
        failure_reason: 'not enough',
        compensated: false,
        settled_at: debitedAt,
      },
    ]);
  });

  it('moves a stored document on one event at a time just as it folds them in one batch', async () => {
    await givenCompensated();
    // A fresh projector for each event: each one starts from the document as the store holds it.
    for (const record of scenario.records()) await new TransferDetailsProjection(scenario.readModels, scenario.repository).project([record]);
    expect(documents()).toEqual([compensated]);
  });

  it('changes nothing when a batch is delivered again, by this projector or a fresh one', async () => {
    await givenCompleted();
    await projection.project(scenario.records());
    await projection.project(scenario.records());
    await new TransferDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records().slice(0, 2));
    expect(documents()).toEqual([completed]);
  });

  it('rebuilds the steps it missed from the write model when an event arrives after a gap', async () => {
    await givenCompleted();
    const [first, , ...afterTheGap] = scenario.records();
    await projection.project([first]);
    await projection.project(afterTheGap);
    expect(documents()).toEqual([completed]);
  });
});
