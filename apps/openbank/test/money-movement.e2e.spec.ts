import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { alice, expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('money movement', () => {
  let app: TestApp;
  let owner: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await registerPerson(app.api);
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: object) => app.api.post(path).send(body);

  it('follows the reference walk-through: deposit 1000.00, refuse 1600.00, allow 1400.00', async () => {
    const account = await openAccount(app.api, owner, { overdraft_limit: 500.0 });
    const deposit = await post('/api/v1/transactions/deposit', { account_id: account, amount: 1000.0, description: 'Initial deposit' }).expect(201);
    expect(deposit.body).toMatchObject({ type: 'DEPOSIT', direction: 'IN', amount: '1000.00', balance_after: '1000.00', currency: 'EUR', description: 'Initial deposit' });
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 1)).toMatchObject({ balance: '1000.00', available_balance: '1500.00', transactions_count: 1 });

    const refused = await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '1600.00' });
    expectProblem(refused, 422, 'INSUFFICIENT_FUNDS');
    const withdrawn = await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '1400.00', description: 'Rent' }).expect(201);
    expect(withdrawn.body).toMatchObject({ type: 'WITHDRAWAL', direction: 'OUT', balance_after: '-400.00' });
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 2)).toMatchObject({ balance: '-400.00', available_balance: '100.00' });
  });

  it('deposits through /accounts/{id}/deposit too, and refuses bad amounts', async () => {
    const account = await openAccount(app.api, owner);
    await post(`/api/v1/accounts/${account}/deposit`, { amount: '12.34' }).expect(201);
    expectProblem(await post(`/api/v1/accounts/${account}/deposit`, { amount: '0' }), 400, 'AMOUNT_NOT_POSITIVE');
    expectProblem(await post(`/api/v1/accounts/${account}/deposit`, { amount: '-5' }), 400, 'INVALID_REQUEST');
    expectProblem(await post(`/api/v1/accounts/${account}/deposit`, { amount: '1.234' }), 400, 'INVALID_AMOUNT');
    expectProblem(await post(`/api/v1/accounts/${account}/deposit`, { amount: '1000000.01' }), 422, 'AMOUNT_ABOVE_MAXIMUM');
    expectProblem(await post(`/api/v1/accounts/${account}/deposit`, { amount: { $gt: 0 } }), 400, 'INVALID_REQUEST');
    expectProblem(await post(`/api/v1/accounts/${randomUUID()}/deposit`, { amount: '1' }), 404, 'BANK_ACCOUNT_NOT_FOUND');
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 1)).toMatchObject({ balance: '12.34', transactions_count: 1 });
  });

  describe('transfers', () => {
    it('moves money between two accounts and shows each step', async () => {
      const from = await openAccount(app.api, owner);
      const to = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${from}/deposit`, { amount: '100.00' }).expect(201);
      const transfer = await post('/api/v1/transactions/transfer', { from_account_id: from, to_account_id: to, amount: '30.00', description: 'Rent share' }).expect(201);
      expect(transfer.body).toMatchObject({ from_account_id: from, to_account_id: to, amount: '30.00', currency: 'EUR', status: 'COMPLETED' });
      expect(transfer.headers.location).toBe(`/api/v1/transactions/transfers/${transfer.body.id}`);

      expect(await readModel(app.api, `/api/v1/accounts/${from}`, 2)).toMatchObject({ balance: '70.00' });
      expect(await readModel(app.api, `/api/v1/accounts/${to}`, 1)).toMatchObject({ balance: '30.00' });
      const details = await eventually(async () => {
        const response = await app.api.get(`/api/v1/transactions/transfers/${transfer.body.id}`).expect(200);
        expect(response.body.status).toBe('COMPLETED');
        return response.body;
      });
      expect(details.steps.map((step: { step: string }) => step.step)).toEqual(['INITIATED', 'SOURCE_DEBITED', 'TARGET_CREDITED', 'COMPLETED']);
    });

    it('refuses the same account, a currency mismatch, a closed account and insufficient funds', async () => {
      const from = await openAccount(app.api, owner);
      const dollars = await openAccount(app.api, owner, { currency: 'USD' });
      const closed = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${closed}/close`, { reason: 'unused' }).expect(200);
      const to = await openAccount(app.api, owner);
      const transfer = (body: object) => post('/api/v1/transactions/transfer', { from_account_id: from, to_account_id: to, amount: '1.00', ...body });
      expectProblem(await transfer({ to_account_id: from }), 422, 'SAME_ACCOUNT_TRANSFER');
      expectProblem(await transfer({ to_account_id: dollars }), 422, 'CURRENCY_MISMATCH');
      expectProblem(await transfer({ to_account_id: closed }), 422, 'BANK_ACCOUNT_CLOSED');
      expectProblem(await transfer({ amount: '0.01' }), 422, 'INSUFFICIENT_FUNDS');
      expectProblem(await transfer({ to_account_id: randomUUID() }), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });

    it('404 for an unknown transfer', async () => {
      expectProblem(await app.api.get(`/api/v1/transactions/transfers/${randomUUID()}`), 404, 'TRANSFER_NOT_FOUND');
    });
  });

  describe('an account over time', () => {
    it('lists transactions newest first, filtered by type, and pages through them', async () => {
      const account = await openAccount(app.api, owner, { overdraft_limit: '100' });
      for (const amount of ['1.00', '2.00', '3.00']) await post(`/api/v1/accounts/${account}/deposit`, { amount }).expect(201);
      await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '4.00' }).expect(201);
      const all = await eventually(async () => {
        const response = await app.api.get(`/api/v1/accounts/${account}/transactions`).expect(200);
        expect(response.body.total_items).toBe(4);
        return response.body;
      });
      expect(all.items.map((entry: { amount: string }) => entry.amount)).toEqual(['4.00', '3.00', '2.00', '1.00']);
      expect(all.items[0]).toMatchObject({ type: 'WITHDRAWAL', direction: 'OUT', balance_after: '2.00' });
      const deposits = (await app.api.get(`/api/v1/accounts/${account}/transactions?type=DEPOSIT&page_size=2&page=2`).expect(200)).body;
      expect(deposits).toMatchObject({ total_items: 3, page: 2 });
      expect(deposits.items.map((entry: { amount: string }) => entry.amount)).toEqual(['1.00']);
      const none = (await app.api.get(`/api/v1/accounts/${account}/transactions?from=2999-01-01T00:00:00Z`).expect(200)).body;
      expect(none.total_items).toBe(0);
      expectProblem(await app.api.get(`/api/v1/accounts/${account}/transactions?type=BRIBE`), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get(`/api/v1/accounts/${randomUUID()}/transactions`), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });

    it('shows the event timeline with the balance after each event, page by page', async () => {
      const account = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${account}/deposit`, { amount: '10.00', description: 'First' }).expect(201);
      await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '4.00', description: 'Coffee' }).expect(201);
      const first = (await app.api.get(`/api/v1/accounts/${account}/history?limit=2`).expect(200)).body;
      expect(first.items.map((entry: { event_type: string }) => entry.event_type)).toEqual(['BankAccountCreatedDomainEventV2', 'BankAccountTransactionRecordedDomainEventV1']);
      expect(first.items[1]).toMatchObject({ description: 'First', balance_after: '10.00', transaction: { type: 'DEPOSIT', amount: '10.00' } });
      expect(first.next_from_revision).toBe(2);
      const second = (await app.api.get(`/api/v1/accounts/${account}/history?from_revision=2`).expect(200)).body;
      expect(second.items).toEqual([expect.objectContaining({ revision: 2, description: 'Coffee', balance_after: '6.00' })]);
      expect(second.next_from_revision).toBeUndefined();
      expectProblem(await app.api.get(`/api/v1/accounts/${randomUUID()}/history`), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });

    it('tells the balance as it was at an instant', async () => {
      const account = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${account}/deposit`, { amount: '10.00' }).expect(201);
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await post(`/api/v1/accounts/${account}/deposit`, { amount: '5.00' }).expect(201);
      const then = (await app.api.get(`/api/v1/accounts/${account}/balance?at=${between}`).expect(200)).body;
      expect(then).toMatchObject({ account_id: account, balance: '10.00', revision: 1 });
      const now = (await app.api.get(`/api/v1/accounts/${account}/balance?at=${new Date().toISOString()}`).expect(200)).body;
      expect(now).toMatchObject({ balance: '15.00', revision: 2 });
      expectProblem(await app.api.get(`/api/v1/accounts/${account}/balance?at=2000-01-01T00:00:00Z`), 404, 'BANK_ACCOUNT_NOT_FOUND');
      expectProblem(await app.api.get(`/api/v1/accounts/${account}/balance?at=2999-01-01T00:00:00Z`), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get(`/api/v1/accounts/${account}/balance?at=yesterday`), 400, 'INVALID_REQUEST');
    });
  });

  describe('interest', () => {
    it('credits an explicit amount once per period', async () => {
      const account = await openAccount(app.api, owner);
      const interest = await post('/api/v1/transactions/interest', { account_id: account, amount: '4.11', from: '2026-01-01', to: '2026-02-01' }).expect(201);
      expect(interest.body).toMatchObject({ type: 'INTEREST', direction: 'IN', amount: '4.11', interest_period: { from: '2026-01-01', to: '2026-02-01' } });
      expectProblem(await post('/api/v1/transactions/interest', { account_id: account, amount: '1', from: '2026-01-15', to: '2026-02-15' }), 422, 'INTEREST_PERIOD_ALREADY_PAID');
    });

    it('computes interest from a rate on the daily closing balances', async () => {
      const account = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${account}/deposit`, { amount: '1000.00' }).expect(201);
      const today = new Date();
      const day = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)).toISOString().slice(0, 10);
      // The deposit was made today, so yesterday closed at 0.00 and no interest was earned.
      expectProblem(await post('/api/v1/transactions/interest', { account_id: account, annual_rate: '0.05', from: day(-1), to: day(0) }), 422, 'NO_INTEREST_EARNED');
      expectProblem(await post('/api/v1/transactions/interest', { account_id: account, annual_rate: '0.05', from: day(0), to: day(1) }), 400, 'INVALID_INTEREST_PERIOD');
      expectProblem(await post('/api/v1/transactions/interest', { account_id: account, annual_rate: '0.05', amount: '1', from: day(-1), to: day(0) }), 400, 'INVALID_REQUEST');
      expectProblem(await post('/api/v1/transactions/interest', { account_id: account, annual_rate: '5', from: day(-1), to: day(0) }), 400, 'INVALID_REQUEST');
    });
  });

  it('sums up the day in analytics, per currency', async () => {
    const account = await openAccount(app.api, owner, { currency: 'CHF' });
    await post(`/api/v1/accounts/${account}/deposit`, { amount: '50.00' }).expect(201);
    await post(`/api/v1/accounts/${account}/deposit`, { amount: '20.00' }).expect(201);
    await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '15.00' }).expect(201);
    const today = new Date().toISOString().slice(0, 10);
    const chf = await eventually(async () => {
      const response = await app.api.get(`/api/v1/transactions/analytics?from=${today}&to=${today}&currency=CHF`).expect(200);
      expect(response.body.currencies[0]?.debits.count).toBe(1);
      return response.body.currencies[0];
    });
    expect(chf).toEqual({
      currency: 'CHF',
      total_transactions: 3,
      total_amount: '85.00',
      average_transaction: '28.33',
      net_amount: '55.00',
      credits: { count: 2, total: '70.00', largest: '50.00' },
      debits: { count: 1, total: '15.00', largest: '15.00' },
      daily: [{ day: today, total_transactions: 3, total_amount: '85.00', credits_count: 2, credits_total: '70.00', debits_count: 1, debits_total: '15.00' }],
    });
    expectProblem(await app.api.get('/api/v1/transactions/analytics?from=2026-02-01&to=2026-01-01'), 400, 'INVALID_REQUEST');
  });
});
