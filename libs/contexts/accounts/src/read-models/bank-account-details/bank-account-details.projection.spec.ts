import { PersonRegisteredDomainEventV1 } from '@openbank/persons';
import { Scenario, testContext, type EventStream } from '@openbank/testing';
import { BankAccount } from '../../domain/bank-account.js';
import {
  BankAccountClosedDomainEventV1,
  BankAccountCreatedDomainEventV1,
  BankAccountCreatedDomainEventV2,
  BankAccountTransactionRecordedDomainEventV1,
  type TransactionDirection,
  type TransactionType,
} from '../../domain/bank-account.events.js';
import { bankAccountCreatedV1ToV2 } from '../../domain/bank-account.upcasters.js';
import { BankAccountDetailsProjection } from './bank-account-details.projection.js';
import { bankAccountsCollection, type BankAccountDetails } from './bank-account-details.schema.js';

/** The persons' stream, as another context's event store shows it. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const account = 'a0000000-0000-4000-8000-000000000001';
const owner = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2026-11-22T10:00:00.000Z');
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const registered = new PersonRegisteredDomainEventV1({
  personId: owner,
  firstName: 'Alice',
  lastName: 'Smith',
  dateOfBirth: '1990-05-15',
  nationality: 'US',
  gender: 'FEMALE',
  registeredAt: now.toISOString(),
});
const opened = new BankAccountCreatedDomainEventV2({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), accountType: 'CHECKING', openedAt: now.toISOString() });
const deposited = (n: number, balance: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId: `d${n}`, type: 'DEPOSIT', direction: 'IN', amount: eur(1000), description: '', balanceAfter: eur(balance), at: now.toISOString() },
  });
const moved = (transactionId: string, type: TransactionType, direction: TransactionDirection, minor: number, balanceAfter: number, at: string) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type, direction, amount: eur(minor), description: '', balanceAfter: eur(balanceAfter), at },
  });
/** An account's life: money in and out every way it moves, then emptied and closed. */
const life = [
  opened,
  moved('d-1', 'DEPOSIT', 'IN', 100_000, 100_000, '2026-11-22T10:01:00.000Z'),
  moved('w-1', 'WITHDRAWAL', 'OUT', 30_000, 70_000, '2026-11-22T10:02:00.000Z'),
  moved('t-1', 'TRANSFER', 'OUT', 120_000, -50_000, '2026-11-22T10:03:00.000Z'),
  moved('t-1r', 'TRANSFER', 'IN', 120_000, 70_000, '2026-11-22T10:04:00.000Z'),
  moved('i-1', 'INTEREST', 'IN', 7, 70_007, '2026-11-22T10:05:00.000Z'),
  moved('w-2', 'WITHDRAWAL', 'OUT', 70_007, 0, '2026-11-22T10:06:00.000Z'),
  new BankAccountClosedDomainEventV1({ accountId: account, reason: 'moving abroad', finalBalance: eur(0), closedAt: '2026-11-22T10:07:00.000Z' }),
];
/** What the read model shows of the account after its life. */
const afterLife = {
  balance_minor: 0,
  transactions_count: 6,
  total_credits_minor: 220_007,
  total_debits_minor: 220_007,
  largest_transaction_minor: 120_000,
  last_transaction_at: new Date('2026-11-22T10:06:00.000Z'),
  status: 'CLOSED',
};

describe('the bank-account-details projection', () => {
  let scenario: Scenario;
  let projection: BankAccountDetailsProjection;
  const documents = () => scenario.readModels.all<BankAccountDetails>(bankAccountsCollection);

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount]);
    scenario.clock.set(now);
    projection = new BankAccountDetailsProjection(scenario.readModels, scenario.repository);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('keeps one document per account, with its owner’s name from the persons’ events', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened, deposited(1, 1000), deposited(2, 2000));
    await projection.project(scenario.records());
    expect(documents()).toEqual([
      {
        _id: account,
        owner_id: owner,
        owner: 'Alice Smith',
        account_type: 'CHECKING',
        currency: 'EUR',
        balance_minor: 2000,
        overdraft_limit_minor: 50_000,
        status: 'ACTIVE',
        created_at: now,
        last_modified: now,
        transactions_count: 2,
        total_credits_minor: 2000,
        total_debits_minor: 0,
        largest_transaction_minor: 1000,
        last_transaction_at: now,
        last_revision: 2,
      },
    ]);
  });

  it('adds up the money in and out, keeps the largest transaction and the last one’s time: the balance is always credits − debits', async () => {
    await scenario.given(BankAccount, account, ...life);
    await projection.project(scenario.records());
    expect(documents()).toEqual([expect.objectContaining(afterLife)]);
  });

  it('shows an account opened with a deposit, and its type', async () => {
    await scenario.given(
      BankAccount,
      account,
      new BankAccountCreatedDomainEventV2({ ...opened.data, accountType: 'SAVINGS' }),
      moved('opening', 'DEPOSIT', 'IN', 25_000, 25_000, now.toISOString()),
    );
    await projection.project(scenario.records());
    expect(documents()).toEqual([
      expect.objectContaining({ account_type: 'SAVINGS', balance_minor: 25_000, transactions_count: 1, total_credits_minor: 25_000, largest_transaction_minor: 25_000, last_transaction_at: now }),
    ]);
  });

  it('gives the same figures when rebuilt from the events, all at once or one by one', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, ...life);
    for (const record of scenario.records()) await projection.project([record]);
    const eventByEvent = documents();
    expect(eventByEvent).toEqual([expect.objectContaining(afterLife)]);
    await projection.reset();
    expect(documents()).toEqual([]);
    await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
    expect(documents()).toEqual(eventByEvent);
  });

  it('gives the same figures when a gap is filled from the write model, from a snapshot or not', async () => {
    for (const snapshotEvery of [0, 2]) {
      const store = await Scenario.start([Person, BankAccount], { snapshotEvery });
      try {
        for (const event of life) await store.runner.execute(BankAccount, account, testContext, () => [event]);
        const records = store.records();
        const gapped = new BankAccountDetailsProjection(store.readModels, store.repository);
        await gapped.project([records[0], records.at(-1)!]);
        expect(store.readModels.all<BankAccountDetails>(bankAccountsCollection)).toEqual([expect.objectContaining({ ...afterLife, last_revision: life.length - 1 })]);
      } finally {
        await store.close();
      }
    }
  });

  it('rebuilds a document written before the type and totals were kept from the write model, at its next event', async () => {
    await scenario.given(BankAccount, account, ...life.slice(0, 3));
    const [openedRecord, first, second] = scenario.records();
    await projection.project([openedRecord, first]);
    // As an earlier version wrote it: no type, no totals.
    const { account_type: _type, total_credits_minor: _credits, total_debits_minor: _debits, largest_transaction_minor: _largest, last_transaction_at: _last, ...legacy } = documents()[0];
    await scenario.readModels.collection<BankAccountDetails>(bankAccountsCollection).write([{ kind: 'replace', document: legacy as BankAccountDetails }]);
    await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project([second]);
    expect(documents()).toEqual([
      expect.objectContaining({ account_type: 'CHECKING', balance_minor: 70_000, total_credits_minor: 100_000, total_debits_minor: 30_000, largest_transaction_minor: 100_000, last_revision: 2 }),
    ]);
  });

  it('changes nothing when a batch is delivered again', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened, deposited(1, 1000));
    await projection.project(scenario.records());
    const once = documents();
    await projection.project(scenario.records());
    await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
    expect(documents()).toEqual(once);
  });

  it('gives the account its owner’s name when another projector learnt it while this one was writing the account', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened);
    const [person, ...accountEvents] = scenario.records();
    const other = new BankAccountDetailsProjection(scenario.readModels, scenario.repository);
    // This projector looked the name up (not known yet); the other one learns it before this one writes.
    const accounts = scenario.readModels.collection<BankAccountDetails>(bankAccountsCollection);
    const write = accounts.write.bind(accounts);
    let raced = false;
    accounts.write = async (writes) => {
      if (!raced && writes.some((change) => change.kind === 'replace')) {
        raced = true;
        await other.project([person]);
      }
      return write(writes);
    };
    const collection = scenario.readModels.collection.bind(scenario.readModels);
    scenario.readModels.collection = ((name: string) => (name === bankAccountsCollection ? accounts : collection(name))) as typeof scenario.readModels.collection;
    await projection.project(accountEvents);
    expect(raced).toBe(true);
    expect(documents()).toEqual([expect.objectContaining({ _id: account, owner: 'Alice Smith' })]);
  });

  it('shows the owner’s id until the name arrives, whatever order events come in', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened);
    const [person, ...accountEvents] = scenario.records();
    await projection.project(accountEvents);
    expect(documents()[0].owner).toBe(owner);
    await projection.project([person]);
    expect(documents()[0].owner).toBe('Alice Smith');
  });

  it('rebuilds a document from the write model when an event arrives after a gap', async () => {
    await scenario.given(Person, owner, registered);
    await scenario.given(BankAccount, account, opened, deposited(1, 1000), deposited(2, 2000));
    const [person, openedRecord, , second] = scenario.records();
    await projection.project([person, openedRecord, second]);
    expect(documents()[0]).toMatchObject({ balance_minor: 2000, transactions_count: 2, total_credits_minor: 2000, last_revision: 2 });
  });
});

describe('the bank-account-details projection, on an account opened before accounts had a type', () => {
  it('shows it as a checking account (V1 is read as V2)', async () => {
    const { accountType: _type, ...v1 } = opened.data;
    const scenario = await Scenario.start([BankAccount], { upcasters: [bankAccountCreatedV1ToV2] });
    try {
      // What an older version stored, read by this one.
      await scenario.given(BankAccount, account, new BankAccountCreatedDomainEventV1(v1));
      expect(scenario.records().map(({ storedType, event }) => [storedType, event])).toEqual([['BankAccountCreatedDomainEventV1', opened]]);
      await new BankAccountDetailsProjection(scenario.readModels, scenario.repository).project(scenario.records());
      expect(scenario.readModels.all<BankAccountDetails>(bankAccountsCollection)).toEqual([expect.objectContaining({ _id: account, account_type: 'CHECKING', total_credits_minor: 0 })]);
    } finally {
      await scenario.close();
    }
  });
});
