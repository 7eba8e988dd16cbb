import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventSourcingRepository } from '@openbank/event-sourcing';
import { IdempotencyStore } from '@openbank/idempotency';
import { eventually } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { expectProblem, openAccount, registerPerson } from './http-helpers.js';
import type { TestApp } from './test-app.js';
import { twoInstances } from './two-instances.js';

const leaseMs = 1000;

interface HeldCompletions {
  release(): void;
  fail(): void;
}

/** Runs `test` with every answer `app` stores for a key held back until `release` (or failed by `fail`). */
async function withCompletionsHeld(app: TestApp, test: (held: HeldCompletions) => Promise<void>): Promise<void> {
  const store = app.app.get(IdempotencyStore);
  const complete = store.complete.bind(store);
  let open!: (outcome: 'store' | 'fail') => void;
  const gate = new Promise<'store' | 'fail'>((resolve) => (open = resolve));
  store.complete = async (...args) => {
    if ((await gate) === 'fail') throw Object.assign(new Error('the connection to MongoDB closed before the answer was stored'), { name: 'MongoNetworkError' });
    return complete(...args);
  };
  try {
    await test({ release: () => open('store'), fail: () => open('fail') });
  } finally {
    store.complete = complete;
    // Also lets through what a failed test left waiting, so that the application can stop.
    open('store');
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `answer` is still on its way a while later. */
async function stillWaiting(answer: Promise<unknown>): Promise<boolean> {
  let answered = false;
  void answer.then(() => (answered = true));
  await pause(300);
  return !answered;
}

/** The same answer again, as a replay. */
function expectReplay(again: request.Response, answer: request.Response): void {
  expect(again.status).toBe(answer.status);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(answer.body);
}

/**
 * The answer to a command with an Idempotency-Key is stored without holding the reply: the
 * command's events, recorded under the key's operation id, are what a retry finds again. Until
 * the answer lands a retry never runs the command a second time, and should it never land (the
 * process died), a retry after the lease answers from the events.
 */
describe('the answer to an Idempotency-Key, stored after the reply', () => {
  const apps = twoInstances({ IDEMPOTENCY_LEASE_MS: String(leaseMs) });
  let person: string;

  beforeAll(async () => {
    person = await registerPerson(apps.first.api);
  });

  const deposit = (app: TestApp, account: string, key: string) => app.api.post(`/api/v1/accounts/${account}/deposit`).set('Idempotency-Key', key).send({ amount: '1.00' });

  async function depositsInto(account: string): Promise<number> {
    let deposits = 0;
    for await (const { event } of apps.first.app.get(KurrentDBClient).readStream(`account-${account}`)) if (event?.type === 'BankAccountTransactionRecordedDomainEventV1') deposits++;
    return deposits;
  }

  it('answers without waiting for the answer to be stored; a retry on the same instance waits for it and gets it again', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    await withCompletionsHeld(apps.first, async (held) => {
      const answer = await deposit(apps.first, account, key).expect(201);
      const retry = deposit(apps.first, account, key).then((response) => response);
      expect(await stillWaiting(retry)).toBe(true);
      held.release();
      expectReplay(await retry, answer);
    });
    expect(await depositsInto(account)).toBe(1);
  });

  it('answers a retry on another instance 409 until the answer is stored, then with the answer: never a second deposit', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    await withCompletionsHeld(apps.first, async (held) => {
      const answer = await deposit(apps.first, account, key).expect(201);
      const early = await deposit(apps.second, account, key);
      expectProblem(early, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
      held.release();
      // The answer lands a moment later; until then the key is still in progress there.
      await eventually(async () => expectReplay(await deposit(apps.second, account, key), answer));
    });
    expect(await depositsInto(account)).toBe(1);
  });

  it('after a crash between the reply and the stored answer, a retry after the lease answers the same from the events, once', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    let answer!: request.Response;
    await withCompletionsHeld(apps.first, async (held) => {
      held.fail();
      answer = await deposit(apps.first, account, key).expect(201);
      // The answer never lands: the key stays in progress for the rest of its lease.
      expectProblem(await deposit(apps.second, account, key), 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      expectProblem(await deposit(apps.first, account, key), 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    });
    await pause(leaseMs + 100);
    const retried = await deposit(apps.second, account, key).expect(201);
    expect(retried.body).toEqual(answer.body);
    expect(await depositsInto(account)).toBe(1);
    // Taken over, the key now holds the answer.
    expectReplay(await deposit(apps.first, account, key), answer);
  });

  it('runs one of many concurrent first requests with one key, on either instance: the others get 409 or its answer', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => deposit(index % 2 ? apps.second : apps.first, account, key)));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.transaction_id)).size).toBe(1);
    for (const answer of answers.filter((answer) => answer.status !== 201)) expectProblem(answer, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(await depositsInto(account)).toBe(1);
  });

  it('claims many keys at once, each exactly once', async () => {
    const account = await openAccount(apps.first.api, person);
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const answers = await Promise.all(keys.map((key, index) => deposit(index % 2 ? apps.second : apps.first, account, key)));
    expect(answers.map((answer) => answer.status)).toEqual(keys.map(() => 201));
    expect(await depositsInto(account)).toBe(20);
    const again = await Promise.all(keys.map((key, index) => deposit(index % 2 ? apps.first : apps.second, account, key)));
    expect(again.map((answer) => answer.body.transaction_id)).toEqual(answers.map((answer) => answer.body.transaction_id));
    expect(await depositsInto(account)).toBe(20);
  });

  const overdraw = (app: TestApp, account: string, key: string) =>
    app.api.post('/api/v1/transactions/withdrawal').set('Idempotency-Key', key).send({ account_id: account, amount: '999999.00' });

  it('stores a refusal before it answers: it is recorded nowhere else', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    const withdraw = (app: TestApp) => overdraw(app, account, key);
    await withCompletionsHeld(apps.first, async (held) => {
      const refused = withdraw(apps.first).then((response) => response);
      expect(await stillWaiting(refused)).toBe(true);
      held.release();
      expectProblem(await refused, 422, 'INSUFFICIENT_FUNDS');
      expectReplay(await withdraw(apps.second), await refused);
    });
  });

  it('answers 503 when a refusal cannot be stored, not the refusal it could not keep; a retry after the lease decides again', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    await withCompletionsHeld(apps.first, async (held) => {
      held.fail();
      const unstored = await overdraw(apps.first, account, key);
      expectProblem(unstored, 503, 'READ_STORE_UNAVAILABLE');
      expect(Number(unstored.headers['retry-after'])).toBeGreaterThan(0);
    });
    expectProblem(await overdraw(apps.second, account, key), 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    await pause(leaseMs + 100);
    const refused = await overdraw(apps.second, account, key);
    expectProblem(refused, 422, 'INSUFFICIENT_FUNDS');
    expectReplay(await overdraw(apps.first, account, key), refused);
  });

  it('a first attempt that stalls past its lease, while the other instance takes the key over and records the deposit, records nothing again', async () => {
    const account = await openAccount(apps.first.api, person);
    const key = randomUUID();
    // The first instance's next load waits (a store that does not answer) until let go, then reads
    // the stream afresh (a state not in its cache): nothing stale to make its append conflict.
    const repository = apps.first.app.get(EventSourcingRepository);
    const load = repository.load.bind(repository);
    let letGo!: () => void;
    const stalled = new Promise<void>((resolve) => (letGo = resolve));
    repository.load = (async (definition, id, options) => {
      repository.load = load;
      await stalled;
      return load(definition, id, { ...options, useCache: false });
    }) as typeof load;
    try {
      const first = deposit(apps.first, account, key).then((response) => response);
      await pause(leaseMs + 200);
      const takenOver = await deposit(apps.second, account, key).expect(201);
      letGo();
      const late = await first;
      expect(late.status).toBe(201);
      expect(late.body.transaction_id).toBe(takenOver.body.transaction_id);
      expect(await depositsInto(account)).toBe(1);
    } finally {
      repository.load = load;
      letGo();
    }
  });
});
