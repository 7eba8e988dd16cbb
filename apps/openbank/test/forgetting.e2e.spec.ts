import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { getConnectionToken } from '@nestjs/mongoose';
import { eventually, startTestStores } from '@openbank/testing';
import type { Connection } from 'mongoose';
import { expectProblem, openAccount, readModel } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

/** Strings that appear nowhere but in this person's data: any of them found after forgetting is a leak. */
const distinctive = ['Quillonia', 'Vexhaven', 'Zorbleton', 'Pruxdale', 'QX-7719', '1967-08-19'];
const person = {
  first_name: 'Quillonia',
  last_name: 'Vexhaven',
  date_of_birth: '1967-08-19',
  nationality: 'LI',
  gender: 'OTHER',
  address: { street: 'Zorbleton Lane', number: '7', zip_code: 'QX-7719', city: 'Pruxdale', country: 'LI' },
};

function leaksIn(text: string): string[] {
  return distinctive.filter((datum) => text.includes(datum));
}

/** JSON of anything, bytes included (the event store's raw data and metadata). */
function textOf(value: unknown): string {
  return JSON.stringify(value, (_key, inner) => (inner instanceof Uint8Array ? Buffer.from(inner).toString('utf8') : typeof inner === 'bigint' ? inner.toString() : inner));
}

/**
 * Forgetting a person (GDPR Art. 17) by crypto-shredding, end to end on the embedded stores: after
 * the forget, the rebuild of every read model and the replay of the streams, none of the person's
 * data is anywhere (read models, keys, idempotency answers, parked events, raw events and
 * snapshots, logs, CloudEvents sent since), and the money is untouched.
 */
describe('forgetting a person (POST /api/v1/persons/{id}/forget)', () => {
  let app: TestApp;
  let admin: TestClient;
  let sink: Server;
  const logLines: string[] = [];
  const cloudEvents: { type: string; body: string }[] = [];

  beforeAll(async () => {
    sink = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk)).on('end', () => {
        cloudEvents.push({ type: String(request.headers['ce-type'] ?? ''), body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((listening) => sink.listen(0, '127.0.0.1', listening));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/events`;
    app = await startTestApp({ LOG_LEVEL: 'debug', SNAPSHOT_EVERY: '2', CLOUDEVENTS_SINKS: sinkUrl }, await startTestStores(), {
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    admin = await app.as('admin');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise((closed) => sink?.close(closed));
  });

  const database = () => app.app.get<Connection>(getConnectionToken()).db!;

  async function everyMongoDocument(): Promise<string> {
    const collections = await database().listCollections().toArray();
    const texts = await Promise.all(collections.map(async ({ name }) => `${name}: ${textOf(await database().collection(name).find().toArray())}`));
    return texts.join('\n');
  }

  async function everyStoredEvent(): Promise<{ text: string; streams: Set<string> }> {
    const streams = new Set<string>();
    let text = '';
    for await (const { event } of app.app.get(KurrentDBClient).readAll()) {
      if (!event) continue;
      streams.add(event.streamId);
      text += `${event.streamId} ${event.type} ${textOf(event.data)} ${textOf(event.metadata)}\n`;
    }
    return { text, streams };
  }

  it('leaves no personal datum anywhere, while the money and the ledger are untouched', async () => {
    const registered = await app.api.post('/api/v1/persons').set('idempotency-key', 'forget-e2e-register').send(person).expect(201);
    const personId = registered.body.id as string;
    await app.api.put(`/api/v1/persons/${personId}/address`).send({ ...person.address, street: 'Zorbleton Square' }).expect(200);
    const accountId = await openAccount(app.api, personId);
    await app.api.post(`/api/v1/accounts/${accountId}/deposit`).set('idempotency-key', 'forget-e2e-deposit').send({ amount: '100.00' }).expect(201);
    await eventually(async () => expect((await app.api.get(`/api/v1/accounts/${accountId}`).expect(200)).body).toMatchObject({ owner: 'Quillonia Vexhaven', balance: '100.00' }));
    await readModel(app.api, `/api/v1/persons/${personId}`, 1);

    // The data is in the read models and the answers kept, never in clear in the event store.
    expect(leaksIn(await everyMongoDocument())).toEqual(expect.arrayContaining(['Quillonia', 'Zorbleton']));
    const before = await everyStoredEvent();
    expect(leaksIn(before.text)).toEqual([]);
    expect(before.streams).toContain(`snapshot-person-${personId}`);

    expectProblem(await app.api.post(`/api/v1/persons/${personId}/forget`).send({ reason: 'BECAUSE' }), 400, 'INVALID_REQUEST');
    expectProblem(await app.api.post(`/api/v1/persons/${personId}/forget`).send({ reason: 'OBJECTION', reference: 'Quillonia Vexhaven' }), 400, 'INVALID_REQUEST');
    expectProblem(await app.api.post('/api/v1/persons/6f1c2a4e-0000-4000-8000-00000000f0f0/forget').send({ reason: 'OBJECTION' }), 404, 'PERSON_NOT_FOUND');
    expectProblem(await (await app.as('customer', personId)).post(`/api/v1/persons/${personId}/forget`).send({ reason: 'OBJECTION' }), 403, 'ACCESS_DENIED');
    expect((await app.api.get(`/api/v1/persons/${personId}`).expect(200)).body.first_name).toBe('Quillonia');

    const keys = () => database().collection<{ _id: string; key?: unknown }>('personal_data_keys');
    const keyBeforeForgetting = (await keys().findOne({ _id: personId }))!;
    expect(keyBeforeForgetting.key).toBeDefined();

    const asked = Date.now();
    const forgotten = await app.api.post(`/api/v1/persons/${personId}/forget`).send({ reason: 'CONSENT_WITHDRAWN', reference: 'DSR-2026-0042' }).expect(200);
    const answeredMs = Date.now() - asked;
    expect(forgotten.body).toMatchObject({ id: personId, first_name: null, last_name: null, date_of_birth: null, forgotten: true });
    await eventually(async () => {
      expect((await app.api.get(`/api/v1/persons/${personId}`).expect(200)).body).toMatchObject({ first_name: null, forgotten: true });
      expect((await app.api.get(`/api/v1/accounts/${accountId}`).expect(200)).body.owner).toBe('(forgotten)');
    }, 10_000);
    const shownMs = Date.now() - asked;
    const sentAfterForgetting = cloudEvents.length;

    // Asking again changes nothing; the person's data can no longer be changed.
    const again = await app.api.post(`/api/v1/persons/${personId}/forget`).send({ reason: 'CONSENT_WITHDRAWN' }).expect(200);
    expect(again.body.revision).toBe(forgotten.body.revision);
    expectProblem(await app.api.put(`/api/v1/persons/${personId}/address`).send(person.address), 409, 'PERSON_FORGOTTEN');
    expectProblem(await app.api.post('/api/v1/accounts').send({ owner_id: personId }), 422, 'OWNER_FORGOTTEN');

    expect((await keys().findOne({ _id: personId }))!.key).toBeUndefined();

    // A MongoDB backup from before the forgetting is restored (the key with it); then every read
    // model is rebuilt from the event store, and every stream replayed.
    await keys().replaceOne({ _id: personId }, keyBeforeForgetting);
    const subscriptions = (await admin.get('/api/v1/admin/subscriptions').expect(200)).body as { name: string; kind: string }[];
    const rebuilt = subscriptions.filter(({ kind }) => kind === 'projection').map(({ name }) => name);
    expect(rebuilt).toEqual(expect.arrayContaining(['person-details', 'bank-account-details']));
    for (const name of rebuilt) await admin.post(`/api/v1/admin/subscriptions/${name}/rebuild`).expect(202);
    await eventually(async () => {
      const statuses = (await admin.get('/api/v1/admin/subscriptions').expect(200)).body as { name: string; rebuild?: { state: string } }[];
      expect(statuses.filter(({ name }) => rebuilt.includes(name)).map(({ name, rebuild }) => [name, rebuild?.state])).toEqual(rebuilt.map((name) => [name, 'done']));
    }, 30_000);
    expect((await keys().findOne({ _id: personId }))!.key).toBeUndefined();
    const history = (await app.api.get(`/api/v1/persons/${personId}/history`).expect(200)).body.items as { description: string }[];
    expect(history.map(({ description }) => description)).toEqual(['Registered (personal data forgotten)', 'Address changed (personal data forgotten)', 'Forgotten (CONSENT_WITHDRAWN, DSR-2026-0042)']);
    const replayed = [
      textOf(history),
      textOf((await app.api.get(`/api/v1/persons/${personId}`).expect(200)).body),
      textOf((await app.api.get(`/api/v1/persons?name=quil`).expect(200)).body),
      textOf((await app.api.get(`/api/v1/accounts/${accountId}`).expect(200)).body),
      textOf((await app.api.get(`/api/v1/accounts/${accountId}/history`).expect(200)).body),
      textOf((await app.api.get(`/api/v1/persons/${personId}/summary`).expect(200)).body),
      // A replay of the answer kept for the registration's key.
      textOf((await app.api.post('/api/v1/persons').set('idempotency-key', 'forget-e2e-register').send(person)).body),
    ].join('\n');

    // The money: balance and ledger as before.
    expect((await app.api.get(`/api/v1/accounts/${accountId}`).expect(200)).body).toMatchObject({ balance: '100.00', owner: '(forgotten)' });
    const ledger = (await admin.get('/api/v1/admin/ledger/verification').expect(200)).body;
    expect(ledger).toMatchObject({ ok: true, difference_count: 0 });

    // The scan: nothing of the person anywhere.
    const stored = await everyStoredEvent();
    expect(stored.streams).toContain(`person-${personId}`);
    expect({
      mongodb: leaksIn(await everyMongoDocument()),
      eventStore: leaksIn(stored.text),
      answers: leaksIn(replayed),
      logs: leaksIn(logLines.join('\n')),
      cloudEventsSinceForgetting: leaksIn(cloudEvents.slice(sentAfterForgetting).map(({ body }) => body).join('\n')),
    }).toEqual({ mongodb: [], eventStore: [], answers: [], logs: [], cloudEventsSinceForgetting: [] });
    await eventually(() => expect(cloudEvents.map(({ type, body }) => type || JSON.parse(body).type)).toContain('bank.person.forgotten.v1'));

    process.stdout.write(`forget latency: answered in ${answeredMs} ms, shown as forgotten by the read models after ${shownMs} ms\n`);
  }, 180_000);

  it('measures the forget latency: the answer, and the read models showing it', async () => {
    const answered: number[] = [];
    const shown: number[] = [];
    for (let round = 0; round < 20; round++) {
      const personId = (await app.api.post('/api/v1/persons').send({ ...person, first_name: `Round${round}` }).expect(201)).body.id as string;
      await readModel(app.api, `/api/v1/persons/${personId}`);
      const asked = performance.now();
      await app.api.post(`/api/v1/persons/${personId}/forget`).send({ reason: 'NO_LONGER_NECESSARY' }).expect(200);
      answered.push(performance.now() - asked);
      await eventually(async () => expect((await app.api.get(`/api/v1/persons/${personId}`).expect(200)).body.forgotten).toBe(true), 10_000);
      shown.push(performance.now() - asked);
    }
    const percentile = (values: number[], p: number) => Math.round([...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]);
    process.stdout.write(
      `forget latency over 20 persons: answer p50 ${percentile(answered, 50)} ms, p95 ${percentile(answered, 95)} ms; read model p50 ${percentile(shown, 50)} ms, p95 ${percentile(shown, 95)} ms\n`,
    );
  }, 120_000);
});
