import { KurrentDBClient, persistentSubscriptionToAllSettingsFromDefaults } from '@kurrent/kurrentdb-client';
import { getModelToken } from '@nestjs/mongoose';
import { eventually } from '@openbank/testing';
import type { Model } from 'mongoose';
import { BankAccountDetails } from '../../../libs/contexts/accounts/src/read-models/bank-account-details/bank-account-details.schema.js';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

describe('the admin API', () => {
  let app: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists every subscription with its consumer group, position and lag', async () => {
    const statuses = (await admin.get('/api/v1/admin/subscriptions').expect(200)).body as { name: string; group: string; running: boolean }[];
    expect(statuses.map((status) => status.name)).toEqual(
      expect.arrayContaining(['person-details', 'bank-account-details', 'account-transactions', 'transfer-details', 'transfer-process', 'stream-activity']),
    );
    expect(statuses.every((status) => status.running)).toBe(true);
    expect(statuses.find((status) => status.name === 'bank-account-details')?.group).toBe('projections');
    expect(statuses.find((status) => status.name === 'transfer-process')?.group).toBe('transfer-process');
  });

  it('tells how far behind a group is from positions, in /health as well, and that it caught up', async () => {
    const subscription = 'account-transactions';
    const statusOf = async () => ((await admin.get('/api/v1/admin/subscriptions').expect(200)).body as Record<string, string | number | boolean>[]).find((status) => status.name === subscription)!;
    await app.subscriptions.stop(subscription);
    const accounts = await Promise.all(Array.from({ length: 10 }, async () => openAccount(app.api, await registerPerson(app.api))));
    await Promise.all(
      accounts.map(async (account) => {
        for (let deposit = 0; deposit < 20; deposit++) await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00' }).expect(201);
      }),
    );

    const behind = await statusOf();
    expect(behind).toMatchObject({ running: false, consumers: 0, caught_up: false });
    expect(BigInt(behind.lag_position as string)).toBe(BigInt(behind.head_position as string) - BigInt((behind.position as string | undefined) ?? '0'));
    expect(behind.lag_ms).toBeGreaterThanOrEqual(0);
    // /health, which `openbank status` reads, tells the same.
    const health = (await app.api.get('/health')).body;
    expect(health.details.subscriptions[subscription]).toMatchObject({ running: false, caught_up: false });

    await app.subscriptions.start(subscription);
    await eventually(async () => expect(await statusOf()).toMatchObject({ running: true, caught_up: true, lag_position: '0', lag_ms: 0 }), 30_000);
  });

  it('rebuilds a read model from $all, repairing a document that drifted, and reports the rebuild', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '12.00' }).expect(201);
    await readModel(app.api, `/api/v1/accounts/${account}`, 1);
    const documents = app.app.get<Model<BankAccountDetails>>(getModelToken(BankAccountDetails.name));
    await documents.updateOne({ _id: account }, { $set: { balance_minor: 999999 } }).exec();
    expect((await app.api.get(`/api/v1/accounts/${account}`).expect(200)).body.balance).toBe('9999.99');

    const started = await admin.post('/api/v1/admin/subscriptions/bank-account-details/rebuild').expect(202);
    expect(started.body).toMatchObject({ name: 'bank-account-details', running: true, rebuild: { state: expect.stringMatching(/waiting|running|done/), events: expect.any(Number) } });
    await eventually(async () => expect((await app.api.get(`/api/v1/accounts/${account}`).expect(200)).body.balance).toBe('12.00'));
    const done = await eventually(async () => {
      const statuses = (await admin.get('/api/v1/admin/subscriptions').expect(200)).body as { name: string; rebuild?: { state: string; events: number } }[];
      const status = statuses.find((entry) => entry.name === 'bank-account-details')!;
      expect(status.rebuild?.state).toBe('done');
      return status;
    });
    expect(done.rebuild!.events).toBeGreaterThan(0);
    expectProblem(await admin.post('/api/v1/admin/subscriptions/no-such-projection/rebuild'), 404, 'SUBSCRIPTION_NOT_FOUND');
    expectProblem(await admin.post('/api/v1/admin/subscriptions/transfer-process/rebuild'), 409, 'SUBSCRIPTION_NOT_REBUILDABLE');
  });

  it('lists the processes of the bank, each with the consumer groups it consumes', async () => {
    const api = await startTestApp({}, app.stores, { role: 'api' });
    try {
      const processes = (await admin.get('/api/v1/admin/processes').expect(200)).body as { role: string; pid: number; consumers: Record<string, string> }[];
      expect(processes.map((process) => process.role).sort()).toEqual(['api', 'api+projector']);
      const projector = processes.find((process) => process.role === 'api+projector')!;
      expect(projector).toMatchObject({ pid: process.pid, consumers: { projections: 'consuming', 'transfer-process': 'consuming' } });
      expect(processes.find((process) => process.role === 'api')!.consumers).toEqual({});
    } finally {
      await api.stopApp();
    }
    // A process that stops takes itself off the list.
    expect(((await admin.get('/api/v1/admin/processes').expect(200)).body as unknown[]).length).toBe(1);
  });

  it('tells a stream’s size and age, and finds streams gone quiet', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00' }).expect(201);
    const stats = (await admin.get(`/api/v1/admin/streams/account-${account}`).expect(200)).body;
    expect(stats).toMatchObject({ stream: `account-${account}`, event_count: 2, last_revision: 1 });
    expect(Date.parse(stats.last_event_at)).toBeGreaterThanOrEqual(Date.parse(stats.first_event_at));
    expectProblem(await admin.get('/api/v1/admin/streams/account-00000000-0000-4000-8000-000000000000'), 404, 'STREAM_NOT_FOUND');
    expectProblem(await admin.get('/api/v1/admin/streams/$all'), 400, 'INVALID_REQUEST');

    const quiet = await eventually(async () => {
      const response = (await admin.get('/api/v1/admin/streams/idle?days=0&category=account&limit=1000').expect(200)).body as { stream: string }[];
      expect(response.map((entry) => entry.stream)).toContain(`account-${account}`);
      return response;
    });
    expect(quiet.find((entry) => entry.stream === `account-${account}`)).toMatchObject({ category: 'account', event_count: 2, idle_days: 0 });
    expect((await admin.get('/api/v1/admin/streams/idle?days=1').expect(200)).body).toEqual([]);
  });

  it('lists the consumer groups earlier versions left, and deletes one no projector consumes', async () => {
    // What a projector of a version whose transfer process took other event types left behind.
    const earlier = 'openbank-transfer-process-0a1b2c3d';
    await app.app.get(KurrentDBClient).createPersistentSubscriptionToAll(earlier, persistentSubscriptionToAllSettingsFromDefaults());
    const listed = (await admin.get('/api/v1/admin/consumer-groups/superseded').expect(200)).body as { name: string }[];
    expect(listed).toContainEqual({ name: earlier, replaced_by: 'transfer-process', consumers: 0 });

    await admin.delete(`/api/v1/admin/consumer-groups/superseded/${earlier}`).expect(204);
    expect(((await admin.get('/api/v1/admin/consumer-groups/superseded').expect(200)).body as { name: string }[]).map(({ name }) => name)).not.toContain(earlier);
    expectProblem(await admin.delete(`/api/v1/admin/consumer-groups/superseded/${earlier}`), 404, 'CONSUMER_GROUP_NOT_FOUND');
    expectProblem(await admin.delete('/api/v1/admin/consumer-groups/superseded/openbank-projections'), 404, 'CONSUMER_GROUP_NOT_FOUND');
    expectProblem(await admin.delete('/api/v1/admin/consumer-groups/superseded/no%20such%20group'), 400, 'INVALID_REQUEST');
    expect(((await admin.get('/api/v1/admin/subscriptions').expect(200)).body as { running: boolean }[]).every((status) => status.running)).toBe(true);
  });

  it('lists parked events and replays them', async () => {
    expect((await admin.get('/api/v1/admin/parked-events').expect(200)).body).toEqual([]);
    expect((await admin.post('/api/v1/admin/parked-events/replay').expect(200)).body).toEqual({ replayed: 0, still_parked: [] });
    expectProblem(await admin.post('/api/v1/admin/parked-events/nothing:here/replay'), 404, 'PARKED_EVENT_NOT_FOUND');
  });

  it('is for admins only', async () => {
    expectProblem(await app.api.get('/api/v1/admin/subscriptions'), 403, 'ACCESS_DENIED');
  });
});
