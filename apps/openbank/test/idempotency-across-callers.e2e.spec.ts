import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import { RecordingSink } from '../../../libs/platform/cloudevents/test/recording-sink.js';
import { storedEvents } from './cloudevents-helpers.js';
import { alice, openAccount, registerPerson } from './http-helpers.js';
import { startListeningTestApp, startTestApp, type ListeningTestApp, type TestApp, type TestClient } from './test-app.js';

const bob = { ...alice, first_name: 'Bob', last_name: 'Jones' };

/**
 * An Idempotency-Key is the caller's own: two callers who happen to send the same key make two
 * operations, on one instance or on two instances sharing the stores.
 */
describe('the same Idempotency-Key from different callers', () => {
  let stores: TestStores;
  let sink: RecordingSink;
  let first: ListeningTestApp;
  let second: TestApp;

  beforeAll(async () => {
    stores = await startTestStores();
    sink = await RecordingSink.start();
    first = await startListeningTestApp({ CLOUDEVENTS_SINKS: sink.url, CLOUDEVENTS_INITIAL_BACKOFF_MS: '10' }, stores);
    // A second API instance on the same stores, as a scaled-out deployment runs it.
    second = await startTestApp({}, stores, { role: 'api' });
  });

  afterAll(async () => {
    await second?.stopApp();
    await first?.close();
    await sink?.down();
  });

  async function customers(): Promise<{ account: string; owner: TestClient; stranger: TestClient; ownerOnSecond: TestClient; strangerOnSecond: TestClient }> {
    const ownerId = await registerPerson(first.api);
    const strangerId = await registerPerson(first.api, bob);
    const account = await openAccount(first.api, ownerId);
    return {
      account,
      owner: await first.as('customer', ownerId),
      stranger: await first.as('customer', strangerId),
      ownerOnSecond: await second.as('customer', ownerId),
      strangerOnSecond: await second.as('customer', strangerId),
    };
  }

  it('records both deposits, answers each from what the stream holds, and keeps the ledger exact across instances', async () => {
    const { account, owner, strangerOnSecond, ownerOnSecond } = await customers();
    const key = `rent-${account}`;
    // The second instance reads the account (and caches it) before the owner's deposit lands.
    await second.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '10.00' }).expect(201);
    await owner.post('/api/v1/transactions/deposit').set('Idempotency-Key', key).send({ account_id: account, amount: '0.01' }).expect(201);
    const strangers = await strangerOnSecond.post('/api/v1/transactions/deposit').set('Idempotency-Key', key).send({ account_id: account, amount: '500.00' }).expect(201);
    expect(strangers.body).toMatchObject({ amount: '500.00', type: 'DEPOSIT' });

    const withdrawal = await ownerOnSecond.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '500.00' }).expect(201);
    expect(withdrawal.body.balance_after).toBe('10.01');

    const stream = await storedEvents(first, `account-${account}`);
    expect(stream.filter((event) => event.type === 'BankAccountTransactionRecordedDomainEventV1')).toHaveLength(4);
    const report = await eventually(async () => {
      const body = (await (await first.as('admin')).get('/api/v1/admin/ledger/verification').expect(200)).body;
      expect(body.read_models_caught_up).toBe(true);
      return body;
    });
    expect(report).toMatchObject({ ok: true, differences: [] });
  });

  it('gives each caller’s deposit an event id and a CloudEvent id of its own', async () => {
    const { account, owner, stranger } = await customers();
    const key = `same-key-${account}`;
    const answers = await Promise.all(
      [owner, stranger, first.api].map((caller) => caller.post(`/api/v1/accounts/${account}/deposit`).set('Idempotency-Key', key).send({ amount: '1.11' }).expect(201)),
    );
    expect(new Set(answers.map((answer) => answer.body.transaction_id)).size).toBe(3);

    const deposits = (await storedEvents(first, `account-${account}`)).filter((event) => event.type === 'BankAccountTransactionRecordedDomainEventV1');
    expect(deposits).toHaveLength(3);
    expect(new Set(deposits.map((event) => event.id)).size).toBe(3);
    const delivered = await eventually(() => {
      const ids = sink.delivered.filter((cloudEvent) => cloudEvent.subject === account && cloudEvent.type === 'bank.transaction.v1').map((cloudEvent) => cloudEvent.id);
      expect(ids).toHaveLength(3);
      return ids;
    });
    expect(new Set(delivered)).toEqual(new Set(deposits.map((event) => event.id)));
  });

  it('tells a payer into someone else’s account nothing about that account', async () => {
    const { account, owner, stranger } = await customers();
    const theirs = await stranger.post('/api/v1/transactions/deposit').send({ account_id: account, amount: '2.00' }).expect(201);
    expect(theirs.body).not.toHaveProperty('balance_after');
    expect(theirs.body).not.toHaveProperty('account_revision');
    const alsoTheirs = await stranger.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '3.00' }).expect(201);
    expect(alsoTheirs.body).not.toHaveProperty('balance_after');
    const own = await owner.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '4.00' }).expect(201);
    expect(own.body).toMatchObject({ balance_after: '9.00', account_revision: 3 });
  });
});
