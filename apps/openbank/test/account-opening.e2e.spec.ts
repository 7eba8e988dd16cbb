import { KurrentDBClient, jsonEvent } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { expectProblem, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('opening an account with a type and an initial deposit', () => {
  let app: TestApp;
  let owner: string;

  beforeAll(async () => {
    app = await startTestApp({ MAX_TRANSACTION_AMOUNT: '10000.00' });
    owner = await registerPerson(app.api);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens a savings account with its opening deposit: one append, the deposit its first transaction', async () => {
    const opened = await app.api.post('/api/v1/accounts').send({ owner_id: owner, account_type: 'SAVINGS', initial_deposit: '250.00' }).expect(201);
    expect(opened.body).toMatchObject({
      account_type: 'SAVINGS',
      balance: '250.00',
      transactions_count: 1,
      total_credits: '250.00',
      total_debits: '0.00',
      largest_transaction: '250.00',
      last_transaction_at: opened.body.created_at,
      revision: 1,
    });
    const id = opened.body.id;
    expect(await readModel(app.api, `/api/v1/accounts/${id}`, 1)).toEqual(opened.body);

    const history = (await app.api.get(`/api/v1/accounts/${id}/history`).expect(200)).body;
    expect(history.items).toEqual([
      expect.objectContaining({ revision: 0, event_type: 'BankAccountCreatedDomainEventV2', description: 'Savings account opened with an overdraft limit of 0.00', principal_id: 'teller:dev', balance_after: '0.00' }),
      expect.objectContaining({
        revision: 1,
        event_type: 'BankAccountTransactionRecordedDomainEventV1',
        description: 'Opening deposit',
        principal_id: 'teller:dev',
        balance_after: '250.00',
        transaction: expect.objectContaining({ type: 'DEPOSIT', direction: 'IN', amount: '250.00' }),
      }),
    ]);
    expect(history.items[0].occurred_at).toBe(history.items[1].occurred_at);
    const transactions = await eventually(async () => {
      const { body } = await app.api.get(`/api/v1/accounts/${id}/transactions`).expect(200);
      expect(body.items).toHaveLength(1);
      return body.items;
    });
    expect(transactions[0]).toMatchObject({ type: 'DEPOSIT', direction: 'IN', amount: '250.00', description: 'Opening deposit', balance_after: '250.00' });
  });

  it('opens a checking account without a deposit by default, and takes a zero deposit as none', async () => {
    const plain = await app.api.post('/api/v1/accounts').send({ owner_id: owner }).expect(201);
    expect(plain.body).toMatchObject({ account_type: 'CHECKING', balance: '0.00', transactions_count: 0, revision: 0 });
    expect(plain.body.last_transaction_at).toBeUndefined();
    const zero = await app.api.post('/api/v1/accounts').send({ owner_id: owner, account_type: 'CHECKING', initial_deposit: 0 }).expect(201);
    expect(zero.body).toMatchObject({ account_type: 'CHECKING', balance: '0.00', transactions_count: 0, revision: 0 });
  });

  it('lets a customer open their own account with an initial deposit: money coming in', async () => {
    const customer = await app.as('customer', owner);
    const opened = await customer.post('/api/v1/accounts').send({ owner_id: owner, initial_deposit: 42.5, currency: 'USD' }).expect(201);
    expect(opened.body).toMatchObject({ owner_id: owner, account_type: 'CHECKING', currency: 'USD', balance: '42.50', overdraft_limit: '0.00', transactions_count: 1 });
    const history = (await customer.get(`/api/v1/accounts/${opened.body.id}/history`).expect(200)).body;
    expect(history.items.map((entry: { principal_id: string }) => entry.principal_id)).toEqual([`customer:${owner}`, `customer:${owner}`]);
  });

  it('holds the initial deposit to the rules of any deposit', async () => {
    const send = (body: Record<string, unknown>) => app.api.post('/api/v1/accounts').send({ owner_id: owner, ...body });
    expectProblem(await send({ initial_deposit: '10000.01' }), 422, 'AMOUNT_ABOVE_MAXIMUM');
    expectProblem(await send({ initial_deposit: '1.001' }), 400, 'INVALID_AMOUNT');
    expectProblem(await send({ initial_deposit: '-5.00' }), 400, 'INVALID_REQUEST');
    expectProblem(await send({ account_type: 'BROKERAGE' }), 400, 'INVALID_REQUEST');
  });

  it('opens one account with one deposit when the request is sent twice with one Idempotency-Key', async () => {
    const key = `open-${randomUUID()}`;
    const send = () => app.api.post('/api/v1/accounts').set('Idempotency-Key', key).send({ owner_id: owner, initial_deposit: '10.00' }).expect(201);
    const first = await send();
    const second = await send();
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const history = (await app.api.get(`/api/v1/accounts/${first.body.id}/history`).expect(200)).body;
    expect(history.items).toHaveLength(2);
  });

  it('reads an account opened by an earlier version (BankAccountCreatedDomainEventV1) as a checking account', async () => {
    const id = randomUUID();
    const openedAt = new Date().toISOString();
    // Exactly what versions before account types appended.
    await app.app.get(KurrentDBClient).appendToStream(
      `account-${id}`,
      jsonEvent({
        type: 'BankAccountCreatedDomainEventV1',
        data: { accountId: id, ownerId: owner, currency: 'EUR', overdraftLimit: { minor: 10_000, currency: 'EUR' }, openedAt },
        metadata: { correlationId: 'legacy', causationId: 'legacy', aggregateType: 'BankAccount', aggregateId: id, occurredAt: openedAt, principal: 'legacy' },
      }),
    );
    expect(await readModel(app.api, `/api/v1/accounts/${id}`)).toMatchObject({ id, account_type: 'CHECKING', overdraft_limit: '100.00', total_credits: '0.00', revision: 0 });
    const deposited = await app.api.post(`/api/v1/accounts/${id}/deposit`).send({ amount: '5.00' }).expect(201);
    expect(deposited.body).toMatchObject({ balance_after: '5.00' });
    expect(await readModel(app.api, `/api/v1/accounts/${id}`, 1)).toMatchObject({ account_type: 'CHECKING', balance: '5.00', total_credits: '5.00', largest_transaction: '5.00' });
    const history = (await app.api.get(`/api/v1/accounts/${id}/history`).expect(200)).body;
    expect(history.items[0]).toMatchObject({ event_type: 'BankAccountCreatedDomainEventV1', description: 'Checking account opened with an overdraft limit of 100.00', principal_id: 'legacy' });
  });
});
