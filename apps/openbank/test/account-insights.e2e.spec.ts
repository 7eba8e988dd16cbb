import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { alice, expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

/** The per-account figures, each owner's summary, the analytics' totals and the audit trail of persons and accounts. */
describe('account figures, summaries, analytics and timelines', () => {
  let app: TestApp;
  let owner: string;
  let customer: TestClient;
  let stranger: TestClient;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await registerPerson(app.api);
    customer = await app.as('customer', owner);
    stranger = await app.as('customer', await registerPerson(app.api, { ...alice, first_name: 'Eve' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: object) => app.api.post(path).send(body).expect(201);

  describe('GET /api/v1/accounts/{id}: money in and out', () => {
    it('adds up credits and debits, keeps the largest transaction and the last one’s time', async () => {
      const account = await openAccount(app.api, owner, { overdraft_limit: '100.00' });
      const other = await openAccount(app.api, owner);
      await post(`/api/v1/accounts/${account}/deposit`, { amount: '300.00' });
      await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '350.00' });
      const transfer = await post('/api/v1/transactions/transfer', { from_account_id: account, to_account_id: other, amount: '20.00' });
      const last = await post(`/api/v1/accounts/${account}/deposit`, { amount: '70.00' });
      const shown = await readModel(app.api, `/api/v1/accounts/${account}`, 4);
      expect(shown).toMatchObject({ balance: '0.00', total_credits: '370.00', total_debits: '370.00', largest_transaction: '350.00', transactions_count: 4 });
      expect(shown.last_transaction_at).toBe(last.body.occurred_at);
      expect(transfer.body).toMatchObject({ status: 'COMPLETED' });
      expect(await readModel(app.api, `/api/v1/accounts/${other}`, 1)).toMatchObject({ total_credits: '20.00', total_debits: '0.00', largest_transaction: '20.00' });
    });
  });

  describe('GET /api/v1/persons/{id}/summary', () => {
    it('counts a person’s accounts, active and closed, totals the balances per currency and tells the last activity', async () => {
      const person = await registerPerson(app.api, { ...alice, first_name: 'Sam' });
      const main = await openAccount(app.api, person, { initial_deposit: '100.00' });
      await openAccount(app.api, person, { account_type: 'SAVINGS', initial_deposit: '25.50' });
      const dollars = await openAccount(app.api, person, { currency: 'USD', initial_deposit: '7.00' });
      const closed = await openAccount(app.api, person);
      await app.api.post(`/api/v1/accounts/${closed}/close`).send({ reason: 'not needed' }).expect(200);
      const lastly = await post('/api/v1/transactions/withdrawal', { account_id: main, amount: '0.50' });
      const summary = await eventually(async () => {
        const { body } = await app.api.get(`/api/v1/persons/${person}/summary`).expect(200);
        expect(body).toMatchObject({ closed_accounts: 1 });
        expect(body.total_balances[0]).toMatchObject({ total_balance: '125.00' });
        return body;
      });
      expect(summary).toEqual({
        owner_id: person,
        owner: 'Sam Smith',
        total_accounts: 4,
        active_accounts: 3,
        closed_accounts: 1,
        total_balances: [
          { currency: 'EUR', total_balance: '125.00', accounts: 3 },
          { currency: 'USD', total_balance: '7.00', accounts: 1 },
        ],
        last_activity_at: lastly.body.occurred_at,
      });
      expect(await readModel(app.api, `/api/v1/accounts/${dollars}`)).toMatchObject({ balance: '7.00' });
    });

    it('answers a registered person without accounts with zeros and an empty list', async () => {
      const person = await registerPerson(app.api, { ...alice, first_name: 'Nia' });
      const summary = await eventually(async () => (await app.api.get(`/api/v1/persons/${person}/summary`).expect(200)).body);
      expect(summary).toEqual({ owner_id: person, owner: 'Nia Smith', total_accounts: 0, active_accounts: 0, closed_accounts: 0, total_balances: [] });
    });

    it('shows customers their own summary only: another person’s, or an unknown one, is not found', async () => {
      await openAccount(app.api, owner);
      const own = await eventually(async () => (await customer.get(`/api/v1/persons/${owner}/summary`).expect(200)).body);
      expect(own).toMatchObject({ owner_id: owner, owner: 'Alice Smith' });
      expectProblem(await stranger.get(`/api/v1/persons/${owner}/summary`), 404, 'PERSON_NOT_FOUND');
      expectProblem(await customer.get(`/api/v1/persons/${randomUUID()}/summary`), 404, 'PERSON_NOT_FOUND');
      expectProblem(await app.api.get(`/api/v1/persons/${randomUUID()}/summary`), 404, 'PERSON_NOT_FOUND');
      expectProblem(await app.api.get('/api/v1/persons/not-a-uuid/summary'), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/v1/persons/{id}/history', () => {
    it('tells who did what, when: the teller registered her, she moved', async () => {
      const person = await registerPerson(app.api, { ...alice, first_name: 'Ada' });
      const herself = await app.as('customer', person);
      await herself.put(`/api/v1/persons/${person}/address`).send({ street: 'Rue Royale', number: '12', zip_code: '1000', city: 'Brussels', country: 'BE' }).expect(200);
      const history = (await herself.get(`/api/v1/persons/${person}/history`).expect(200)).body;
      expect(history).toEqual({
        items: [
          { revision: 0, event_type: 'PersonRegisteredDomainEventV1', occurred_at: expect.any(String), principal_id: 'teller:dev', description: 'Registered as Ada Smith, born 1990-05-15, nationality US' },
          { revision: 1, event_type: 'PersonAddressChangedDomainEventV2', occurred_at: expect.any(String), principal_id: `customer:${person}`, description: 'Address changed to Rue Royale 12, 1000 Brussels, BE' },
        ],
      });
      const first = (await app.api.get(`/api/v1/persons/${person}/history?limit=1`).expect(200)).body;
      expect(first).toMatchObject({ items: [{ revision: 0 }], next_from_revision: 1 });
      const second = (await app.api.get(`/api/v1/persons/${person}/history?from_revision=1`).expect(200)).body;
      expect(second.items.map((entry: { revision: number }) => entry.revision)).toEqual([1]);
      expect(second.next_from_revision).toBeUndefined();
    });

    it('is the person’s own: another customer, or an unknown person, is not found; bad paging is refused', async () => {
      expectProblem(await stranger.get(`/api/v1/persons/${owner}/history`), 404, 'PERSON_NOT_FOUND');
      expectProblem(await app.api.get(`/api/v1/persons/${randomUUID()}/history`), 404, 'PERSON_NOT_FOUND');
      expectProblem(await app.api.get(`/api/v1/persons/${owner}/history?limit=0`), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.get(`/api/v1/persons/${owner}/history?from_revision=-1`), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/v1/accounts/{id}/history: the acting principal of every entry', () => {
    it('names the teller who opened the account and the customer who withdrew', async () => {
      const account = await openAccount(app.api, owner, { initial_deposit: '10.00' });
      await customer.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '1.00' }).expect(201);
      const history = (await customer.get(`/api/v1/accounts/${account}/history`).expect(200)).body;
      expect(history.items.map(({ principal_id, description }: { principal_id: string; description: string }) => [principal_id, description])).toEqual([
        ['teller:dev', 'Checking account opened with an overdraft limit of 0.00'],
        ['teller:dev', 'Opening deposit'],
        [`customer:${owner}`, ''],
      ]);
    });
  });

  describe('GET /api/v1/transactions/analytics', () => {
    it('totals a currency’s transactions: how many, the money moved, the average, the net', async () => {
      const person = await registerPerson(app.api, { ...alice, first_name: 'Kai' });
      const account = await openAccount(app.api, person, { currency: 'GBP', initial_deposit: '100.00' });
      await post('/api/v1/transactions/withdrawal', { account_id: account, amount: '30.01' });
      const today = new Date().toISOString().slice(0, 10);
      const gbp = await eventually(async () => {
        const { body } = await app.api.get(`/api/v1/transactions/analytics?from=${today}&to=${today}&currency=GBP`).expect(200);
        expect(body.total_transactions).toBe(2);
        return body;
      });
      expect(gbp).toEqual({
        from: today,
        to: today,
        total_transactions: 2,
        currencies: [
          {
            currency: 'GBP',
            total_transactions: 2,
            total_amount: '130.01',
            // 13001 pence ÷ 2 = 6500.5: half to even.
            average_transaction: '65.00',
            net_amount: '69.99',
            credits: { count: 1, total: '100.00', largest: '100.00' },
            debits: { count: 1, total: '30.01', largest: '30.01' },
            daily: [{ day: today, total_transactions: 2, total_amount: '130.01', credits_count: 1, credits_total: '100.00', debits_count: 1, debits_total: '30.01' }],
          },
        ],
      });
    });

    it('answers a period without transactions in the same shape, with zeros: not a 404', async () => {
      expect((await app.api.get('/api/v1/transactions/analytics?from=2001-01-01&to=2001-01-31').expect(200)).body).toEqual({
        from: '2001-01-01',
        to: '2001-01-31',
        total_transactions: 0,
        currencies: [],
      });
      const eur = (await app.api.get('/api/v1/transactions/analytics?from=2001-01-01&to=2001-01-31&currency=EUR').expect(200)).body;
      expect(eur).toMatchObject({ total_transactions: 0, currencies: [{ currency: 'EUR', total_transactions: 0, total_amount: '0.00', average_transaction: '0.00', daily: [] }] });
    });

    it('counts a transaction on the UTC day it happened', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const { body } = await app.api.get(`/api/v1/transactions/analytics?from=${tomorrow}&to=${tomorrow}`).expect(200);
      expect(body.total_transactions).toBe(0);
      const { body: now } = await app.api.get(`/api/v1/transactions/analytics?from=${today}&to=${today}`).expect(200);
      expect(now.currencies.flatMap((currency: { daily: { day: string }[] }) => currency.daily.map((entry) => entry.day))).toEqual(now.currencies.map(() => today));
    });
  });
});
