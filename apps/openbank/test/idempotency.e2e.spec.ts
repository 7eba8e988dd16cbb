import { getModelToken } from '@nestjs/mongoose';
import { AggregateCommandRunner, EventStoreUnavailable } from '@openbank/event-sourcing';
import { IdempotencyRecord } from '@openbank/idempotency';
import { eventually } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { alice, expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('Idempotency-Key', () => {
  let app: TestApp;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp();
    account = await openAccount(app.api, await registerPerson(app.api));
  });

  afterAll(async () => {
    await app?.close();
  });

  const deposit = (key: string, amount = '10.00') =>
    app.api.post(`/api/v1/accounts/${account}/deposit`).set('Idempotency-Key', key).send({ amount, description: 'Salary' });

  async function balance(revision: number): Promise<string> {
    return (await readModel(app.api, `/api/v1/accounts/${account}`, revision)).balance;
  }

  it('gives the first answer again for the same key and body, and moves the money once', async () => {
    const key = randomUUID();
    const first = await deposit(key).expect(201);
    const second = await deposit(key).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const transactions = await eventually(async () => {
      const response = await app.api.get(`/api/v1/accounts/${account}/transactions`).expect(200);
      expect(response.body.items.map((entry: { transaction_id: string }) => entry.transaction_id)).toContain(first.body.transaction_id);
      return response.body.items;
    });
    expect(transactions.filter((entry: { transaction_id: string }) => entry.transaction_id === first.body.transaction_id)).toHaveLength(1);
  });

  it('refuses the same key with another body or on another route (422)', async () => {
    const key = randomUUID();
    await deposit(key, '1.00').expect(201);
    expectProblem(await deposit(key, '2.00'), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await app.api.post('/api/v1/transactions/withdrawal').set('Idempotency-Key', key).send({ account_id: account, amount: '1.00' }), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 while the first request with the key is still being processed', async () => {
    const key = randomUUID();
    const records = app.app.get<Model<IdempotencyRecord>>(getModelToken(IdempotencyRecord.name));
    // The state a concurrent first request leaves while it runs.
    const first = await deposit(key).expect(201);
    await records.updateMany({ state: 'done', 'body.transaction_id': first.body.transaction_id }, { $set: { state: 'in-progress', lease_until: new Date(Date.now() + 60_000) } }).exec();
    const busy = await deposit(key);
    expectProblem(busy, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('after a first attempt died holding the key, a retry recovers its result instead of paying twice', async () => {
    const key = randomUUID();
    const first = await deposit(key, '7.00').expect(201);
    const before = await balance(first.body.account_revision);
    // As if the process had died after recording the deposit but before storing the answer.
    const records = app.app.get<Model<IdempotencyRecord>>(getModelToken(IdempotencyRecord.name));
    await records
      .updateMany({ 'body.transaction_id': first.body.transaction_id }, { $set: { state: 'in-progress', lease_until: new Date(Date.now() - 1) }, $unset: { body: 1, status: 1 } })
      .exec();
    const retried = await deposit(key, '7.00').expect(201);
    expect(retried.body).toEqual(first.body);
    expect(await balance(first.body.account_revision)).toBe(before);
  });

  it('after an attempt that recorded its events and then answered 503, a retry answers with what it recorded', async () => {
    const target = await openAccount(app.api, await registerPerson(app.api));
    await deposit(randomUUID(), '50.00').expect(201);
    // The transfer is initiated, then the answer is lost: the event store went away before it came back.
    const runner = app.app.get(AggregateCommandRunner);
    const execute = runner.execute.bind(runner);
    let lost = 0;
    runner.execute = (async (definition, id, context, decide) => {
      const outcome = await execute(definition, id, context, decide);
      if (definition.type === 'Transfer' && lost++ === 0) throw new EventStoreUnavailable(new Error('connection lost after the append'));
      return outcome;
    }) as typeof runner.execute;
    const key = randomUUID();
    const transfer = () => app.api.post('/api/v1/transactions/transfer').set('Idempotency-Key', key).send({ from_account_id: account, to_account_id: target, amount: '20.00' });
    try {
      expectProblem(await transfer(), 503, 'EVENT_STORE_UNAVAILABLE');
      const retried = await transfer();
      expect([201, 202]).toContain(retried.status);
      const settled = await eventually(async () => {
        const details = (await app.api.get(`/api/v1/transactions/transfers/${retried.body.id}`).expect(200)).body;
        expect(details.status).toBe('COMPLETED');
        return details;
      });
      expect(settled.amount).toBe('20.00');
      expect((await readModel(app.api, `/api/v1/accounts/${target}`, 1)).balance).toBe('20.00');
    } finally {
      runner.execute = execute;
    }
  });

  it('also covers commands that create something: the same key registers the person once', async () => {
    const key = randomUUID();
    const first = await app.api.post('/api/v1/persons').set('Idempotency-Key', key).send(alice).expect(201);
    const second = await app.api.post('/api/v1/persons').set('Idempotency-Key', key).send(alice).expect(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('gives a refusal again too: it is the answer to that request', async () => {
    const key = randomUUID();
    const withdraw = () => app.api.post('/api/v1/transactions/withdrawal').set('Idempotency-Key', key).send({ account_id: account, amount: '999999.00' });
    expectProblem(await withdraw(), 422, 'INSUFFICIENT_FUNDS');
    const again = await withdraw();
    expectProblem(again, 422, 'INSUFFICIENT_FUNDS');
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a malformed key', async () => {
    expectProblem(await deposit('x'.repeat(256)), 400, 'INVALID_IDEMPOTENCY_KEY');
  });
});
