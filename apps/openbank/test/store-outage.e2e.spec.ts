import { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@openbank/embedded-mongodb';
import { eventually } from '@openbank/testing';
import { alice, expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

const portOf = (address: string) => Number(new URL(address.replace(/^\w+:/, 'http:')).port);

describe('a store that is down', () => {
  let kurrentdb: EmbeddedKurrentDB;
  let mongodb: EmbeddedMongo;
  let app: TestApp;

  beforeAll(async () => {
    kurrentdb = await startEmbeddedKurrentDB({ port: 0 });
    mongodb = await startEmbeddedMongo({ port: 0 });
    app = await startTestApp(
      { STORE_DEADLINE_MS: '1000' },
      { kurrentdb: kurrentdb.connectionString, mongodb: mongodb.uri, mongoDatabase: 'openbank', stop: async () => undefined },
    );
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([kurrentdb?.stop(), mongodb?.stop()]);
  });

  it('read store down: commands still succeed, queries answer 503, and projections catch up when it returns', async () => {
    const owner = await registerPerson(app.api);
    const port = portOf(mongodb.uri);
    await mongodb.stop();

    const accountId = await openAccount(app.api, owner);
    const refused = await app.api.get(`/api/v1/accounts/${accountId}`);
    expectProblem(refused, 503, 'READ_STORE_UNAVAILABLE');
    expect(refused.headers['retry-after']).toBe('1');

    mongodb = await startEmbeddedMongo({ port });
    expect(await readModel(app.api, `/api/v1/accounts/${accountId}`)).toMatchObject({ id: accountId, owner: 'Alice Smith' });
  });

  it('event store down: commands answer 503 quickly, and work again when it returns', async () => {
    const port = portOf(kurrentdb.connectionString);
    await kurrentdb.stop();

    expectProblem(await app.api.post('/api/v1/persons').send(alice), 503, 'EVENT_STORE_UNAVAILABLE');
    // An answer a retry can improve is not kept for the Idempotency-Key.
    const keyed = () => app.api.post('/api/v1/persons').set('Idempotency-Key', 'during-outage').send(alice);
    expectProblem(await keyed(), 503, 'EVENT_STORE_UNAVAILABLE');

    kurrentdb = await startEmbeddedKurrentDB({ port });
    await eventually(() => app.api.post('/api/v1/persons').send(alice).expect(201), 20_000);
    await keyed().expect(201);
  });
});
