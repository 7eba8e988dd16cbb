import { BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1 } from '@openbank/accounts';
import { PersonRegisteredDomainEventV1 } from '@openbank/persons';
import { Scenario, type EventStream } from '@openbank/testing';
import { StreamActivityProjection } from './stream-activity.projection.js';
import { streamActivityCollection, type StreamActivity } from './stream-activity.schema.js';

/** The contexts' streams, as the event store shows them to the application. */
const Person: EventStream = { type: 'Person', category: 'person', events: [PersonRegisteredDomainEventV1] };
const BankAccount: EventStream = { type: 'BankAccount', category: 'account', events: [BankAccountCreatedDomainEventV1, BankAccountTransactionRecordedDomainEventV1] };
const person = 'b0000000-0000-4000-8000-000000000001';
const account = 'a0000000-0000-4000-8000-000000000001';
const [registeredAt, openedAt, firstDepositAt, secondDepositAt] = ['09:00', '10:00', '11:00', '12:00'].map((time) => new Date(`2026-11-22T${time}:00.000Z`));
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const deposited = (transactionId: string, balanceAfter: number, at: Date) =>
  new BankAccountTransactionRecordedDomainEventV1({
    accountId: account,
    transaction: { transactionId, type: 'DEPOSIT', direction: 'IN', amount: eur(1000), description: '', balanceAfter: eur(balanceAfter), at: at.toISOString() },
  });

const personActivity: StreamActivity = {
  _id: `person-${person}`,
  category: 'person',
  aggregate_type: 'Person',
  events: 1,
  first_event_at: registeredAt,
  last_event_at: registeredAt,
  last_revision: 0,
};
const accountActivity: StreamActivity = {
  _id: `account-${account}`,
  category: 'account',
  aggregate_type: 'BankAccount',
  events: 3,
  first_event_at: openedAt,
  last_event_at: secondDepositAt,
  last_revision: 2,
};

describe('the stream-activity projection', () => {
  let scenario: Scenario;
  let projection: StreamActivityProjection;
  const documents = () => scenario.readModels.all<StreamActivity>(streamActivityCollection).sort((a, b) => a._id.localeCompare(b._id));

  beforeEach(async () => {
    scenario = await Scenario.start([Person, BankAccount]);
    scenario.clock.set(registeredAt);
    await scenario.given(
      Person,
      person,
      new PersonRegisteredDomainEventV1({ personId: person, firstName: 'Alice', lastName: 'Smith', dateOfBirth: '1990-05-15', nationality: 'US', gender: 'FEMALE', registeredAt: registeredAt.toISOString() }),
    );
    scenario.clock.set(openedAt);
    await scenario.given(BankAccount, account, new BankAccountCreatedDomainEventV1({ accountId: account, ownerId: person, currency: 'EUR', overdraftLimit: eur(0), openedAt: openedAt.toISOString() }));
    scenario.clock.set(firstDepositAt);
    await scenario.given(BankAccount, account, deposited('d-1', 1000, firstDepositAt));
    scenario.clock.set(secondDepositAt);
    await scenario.given(BankAccount, account, deposited('d-2', 2000, secondDepositAt));
    projection = new StreamActivityProjection(scenario.readModels);
  });

  afterEach(async () => {
    await scenario.close();
  });

  it('keeps one document per stream: its category, aggregate, number of events, first and last event', async () => {
    await projection.project(scenario.records());
    expect(documents()).toEqual([accountActivity, personActivity]);
  });

  it('keeps the time of a stream’s first event when later batches move it on', async () => {
    for (const record of scenario.records()) await projection.project([record]);
    expect(documents()).toEqual([accountActivity, personActivity]);
  });

  it('changes nothing when a batch is delivered again, or an older one after a newer', async () => {
    const records = scenario.records();
    await projection.project(records);
    await projection.project(records);
    await projection.project(records.slice(0, 3));
    expect(documents()).toEqual([accountActivity, personActivity]);
  });

  it('takes the first event’s time from the first event, even when a later one was applied before it', async () => {
    // After a projector dies, the server may hand a stream's later event to another projector
    // before the earlier one it had not acknowledged.
    const records = scenario.records();
    const [registration, opening, ...deposits] = records;
    await projection.project([registration, ...deposits]);
    await projection.project([opening]);
    expect(documents()).toEqual([accountActivity, personActivity]);
  });

  it('forgets every stream when reset, to be rebuilt from the start', async () => {
    await projection.project(scenario.records());
    await projection.reset();
    expect(documents()).toEqual([]);
    await projection.project(scenario.records());
    expect(documents()).toEqual([accountActivity, personActivity]);
  });
});
