import { PersonRegisteredDomainEventV1 } from '@openbank/persons';
import { Scenario, type EventStream } from '@openbank/testing';
import { BankAccount } from '../../domain/bank-account.js';
import { BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1 } from '../../domain/bank-account.events.js';
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
const opened = new BankAccountCreatedDomainEventV1({ accountId: account, ownerId: owner, currency: 'EUR', overdraftLimit: eur(50_000), openedAt: now.toISOString() });
const deposited = (n: number, balance: number) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId: `d${n}`, type: 'DEPOSIT', direction: 'IN', amount: eur(1000), description: '', balanceAfter: eur(balance), at: now.toISOString() },
  });

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
        currency: 'EUR',
        balance_minor: 2000,
        overdraft_limit_minor: 50_000,
        status: 'ACTIVE',
        created_at: now,
        last_modified: now,
        transactions_count: 2,
        last_revision: 2,
      },
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
    expect(documents()[0]).toMatchObject({ balance_minor: 2000, transactions_count: 2, last_revision: 2 });
  });
});
