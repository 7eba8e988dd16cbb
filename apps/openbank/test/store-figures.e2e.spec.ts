import { eventually } from '@openbank/testing';
import { openAccount, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

/**
 * The stores' figures the reference example shows in its /health (events, streams, accounts,
 * transactions, transfers) are for admins, on a route of their own; /health, public and polled,
 * tells only whether each store and subscription is up, whoever asks.
 */
describe('the stores’ figures', () => {
  let app: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
    const owner = await registerPerson(app.api);
    const [from, to] = [await openAccount(app.api, owner), await openAccount(app.api, owner)];
    await app.api.post(`/api/v1/accounts/${from}/deposit`).send({ amount: '20.00' }).expect(201);
    await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '5.00' }).expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Once the read models caught up with the three transactions and the transfer. */
  const figures = () =>
    eventually(async () => {
      const response = await admin.get('/api/v1/admin/stores').expect(200);
      expect(response.body.read_store.collections).toMatchObject({ account_transactions: 3, transfers: 1, bank_accounts: 2 });
      return response.body;
    });

  it('GET /api/v1/admin/stores: the log’s head, streams and events, each collection’s documents', async () => {
    const { event_store: eventStore, read_store: readStore } = await figures();
    const stats = (await app.api.get('/api/v1/stats').expect(200)).body;
    expect(eventStore).toEqual({
      head_position: expect.stringMatching(/^\d+$/),
      // The embedded KurrentDB appends to several streams atomically, as KurrentDB 25.1 does.
      atomic_appends: true,
      streams: Object.values(stats.aggregates as Record<string, number>).reduce((sum, streams) => sum + streams, 0),
      events: stats.total_events,
    });
    expect(readStore.collections).toMatchObject({ persons: 1, stream_activity: eventStore.streams });
    // The database's own statistics, where the server reports them (the embedded one does not).
    for (const figure of ['data_bytes', 'storage_bytes', 'indexes', 'index_bytes']) {
      if (figure in readStore) expect(readStore[figure]).toEqual(expect.any(Number));
    }
  });

  it('moves the log’s head on with each event', async () => {
    const before = BigInt((await figures()).event_store.head_position);
    await registerPerson(app.api);
    expect(BigInt((await admin.get('/api/v1/admin/stores').expect(200)).body.event_store.head_position)).toBeGreaterThan(before);
  });

  it('is for admins only', async () => {
    await app.api.get('/api/v1/admin/stores').expect(403);
    await (await app.as('customer', await registerPerson(app.api))).get('/api/v1/admin/stores').expect(403);
    await app.api.get('/api/v1/admin/stores').unset('authorization').expect(401);
  });

  it('GET /health shows no figure, to anyone: the same up-or-down answer with or without an admin token', async () => {
    await figures();
    const anonymous = (await app.api.get('/health').unset('authorization').expect(200)).body;
    const asAdmin = (await admin.get('/health').expect(200)).body;
    for (const body of [anonymous, asAdmin]) {
      expect(Object.keys(body.info)).toEqual(['event_store', 'read_store', 'subscriptions']);
      expect(body.info).toMatchObject({ event_store: { status: 'up' }, read_store: { status: 'up' } });
      expect(JSON.stringify(body)).not.toMatch(/"(events|total_events|streams|aggregates|collections|head_position|atomic_appends|transactions|transfers|accounts|\w+_bytes)"/);
    }
    expect(Object.keys(asAdmin.info.subscriptions).sort()).toEqual(Object.keys(anonymous.info.subscriptions).sort());
  });
});
