import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('accounts API', () => {
  let app: TestApp;
  let ownerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    ownerId = await registerPerson(app.api);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('POST /api/v1/accounts', () => {
    it('opens an account in EUR with no overdraft by default', async () => {
      const response = await app.api.post('/api/v1/accounts').send({ owner_id: ownerId }).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        owner_id: ownerId,
        owner: 'Alice Smith',
        balance: '0.00',
        overdraft_limit: '0.00',
        available_balance: '0.00',
        currency: 'EUR',
        account_type: 'CHECKING',
        status: 'ACTIVE',
        created_at: expect.any(String),
        last_modified: expect.any(String),
        transactions_count: 0,
        total_credits: '0.00',
        total_debits: '0.00',
        largest_transaction: '0.00',
        revision: 0,
      });
      expect(response.body.last_modified).toBe(response.body.created_at);
    });

    it('gives a customer opening their own account the default limit, and refuses them any other', async () => {
      const customer = await app.as('customer', ownerId);
      expectProblem(await customer.post('/api/v1/accounts').send({ owner_id: ownerId, overdraft_limit: '1000000.00' }), 403, 'ACCESS_DENIED');
      expectProblem(await customer.post('/api/v1/accounts').send({ owner_id: ownerId, overdraft_limit: '0.00' }), 403, 'ACCESS_DENIED');
      const opened = await customer.post('/api/v1/accounts').send({ owner_id: ownerId }).expect(201);
      expect(opened.body).toMatchObject({ overdraft_limit: '0.00', available_balance: '0.00' });
      expectProblem(await customer.post('/api/v1/transactions/withdrawal').send({ account_id: opened.body.id, amount: '0.01' }), 422, 'INSUFFICIENT_FUNDS');
    });

    it('takes the overdraft limit as a decimal string or a JSON number, in the chosen currency', async () => {
      const asString = await app.api.post('/api/v1/accounts').send({ owner_id: ownerId, overdraft_limit: '250.50', currency: 'USD' }).expect(201);
      expect(asString.body).toMatchObject({ overdraft_limit: '250.50', available_balance: '250.50', currency: 'USD' });
      const asNumber = await app.api.post('/api/v1/accounts').send({ owner_id: ownerId, overdraft_limit: 500.0 }).expect(201);
      expect(asNumber.body).toMatchObject({ overdraft_limit: '500.00' });
      const yen = await app.api.post('/api/v1/accounts').send({ owner_id: ownerId, overdraft_limit: '1000', currency: 'JPY' }).expect(201);
      expect(yen.body).toMatchObject({ overdraft_limit: '1000', balance: '0' });
    });

    it('requires the owner to exist', async () => {
      expectProblem(await app.api.post('/api/v1/accounts').send({ owner_id: randomUUID() }), 422, 'OWNER_NOT_FOUND');
    });

    it('refuses negative or over-precise limits, unknown currencies and mass-assigned fields', async () => {
      const send = (body: Record<string, unknown>) => app.api.post('/api/v1/accounts').send({ owner_id: ownerId, ...body });
      expectProblem(await send({ overdraft_limit: '-5.00' }), 400, 'INVALID_REQUEST');
      expectProblem(await send({ overdraft_limit: -5 }), 400, 'INVALID_REQUEST');
      expectProblem(await send({ overdraft_limit: '5.001' }), 400, 'INVALID_AMOUNT');
      expectProblem(await send({ overdraft_limit: '1e3' }), 400, 'INVALID_REQUEST');
      expectProblem(await send({ currency: 'EURO' }), 400, 'INVALID_REQUEST');
      expectProblem(await send({ currency: 'XAU' }), 400, 'UNSUPPORTED_CURRENCY');
      const massAssigned = await send({ balance: '1000000.00', status: 'CLOSED', id: randomUUID() });
      expectProblem(massAssigned, 400, 'INVALID_REQUEST');
      expect(massAssigned.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['balance', 'id', 'status']);
      expectProblem(await app.api.post('/api/v1/accounts').send({ owner_id: 'alice' }), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /api/v1/accounts/{id}', () => {
    it('shows owner name, balance, limits and revision once the projection caught up', async () => {
      const id = await openAccount(app.api, ownerId, { overdraft_limit: '500.00' });
      expect(await readModel(app.api, `/api/v1/accounts/${id}`)).toEqual({
        id,
        owner_id: ownerId,
        owner: 'Alice Smith',
        balance: '0.00',
        overdraft_limit: '500.00',
        available_balance: '500.00',
        currency: 'EUR',
        account_type: 'CHECKING',
        status: 'ACTIVE',
        created_at: expect.any(String),
        last_modified: expect.any(String),
        transactions_count: 0,
        total_credits: '0.00',
        total_debits: '0.00',
        largest_transaction: '0.00',
        revision: 0,
      });
    });

    it('answers 404 for an unknown account', async () => {
      expectProblem(await app.api.get(`/api/v1/accounts/${randomUUID()}`), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });
  });

  describe('PUT /api/v1/accounts/{id}/overdraft-limit', () => {
    it('changes the limit; the read model follows', async () => {
      const id = await openAccount(app.api, ownerId);
      const response = await app.api.put(`/api/v1/accounts/${id}/overdraft-limit`).send({ overdraft_limit: '750.00' }).expect(200);
      expect(response.body).toMatchObject({ overdraft_limit: '750.00', available_balance: '750.00', revision: 1 });
      expect(await readModel(app.api, `/api/v1/accounts/${id}`, 1)).toMatchObject({ overdraft_limit: '750.00' });
    });

    it('is never negative, and 404 for an unknown account', async () => {
      const id = await openAccount(app.api, ownerId);
      expectProblem(await app.api.put(`/api/v1/accounts/${id}/overdraft-limit`).send({ overdraft_limit: '-1' }), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.put(`/api/v1/accounts/${id}/overdraft-limit`).send({}), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.put(`/api/v1/accounts/${randomUUID()}/overdraft-limit`).send({ overdraft_limit: '1' }), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });
  });

  describe('POST /api/v1/accounts/{id}/close', () => {
    it('closes an account with a zero balance, once', async () => {
      const id = await openAccount(app.api, ownerId);
      const response = await app.api.post(`/api/v1/accounts/${id}/close`).send({ reason: 'moving abroad' }).expect(200);
      expect(response.body).toMatchObject({ status: 'CLOSED', close_reason: 'moving abroad', closed_at: expect.any(String), revision: 1 });
      expect(await readModel(app.api, `/api/v1/accounts/${id}`, 1)).toMatchObject({ status: 'CLOSED', close_reason: 'moving abroad' });
      expectProblem(await app.api.post(`/api/v1/accounts/${id}/close`).send({ reason: 'again' }), 422, 'BANK_ACCOUNT_CLOSED');
      expectProblem(await app.api.put(`/api/v1/accounts/${id}/overdraft-limit`).send({ overdraft_limit: '1' }), 422, 'BANK_ACCOUNT_CLOSED');
    });

    it('needs a reason', async () => {
      const id = await openAccount(app.api, ownerId);
      expectProblem(await app.api.post(`/api/v1/accounts/${id}/close`).send({}), 400, 'INVALID_REQUEST');
      expectProblem(await app.api.post(`/api/v1/accounts/${id}/close`).send({ reason: '  ' }), 400, 'INVALID_CLOSE_REASON');
    });
  });

  describe('listing', () => {
    it("lists one owner's accounts, and all accounts, page by page", async () => {
      const owner = await registerPerson(app.api, { first_name: 'Bob', last_name: 'Jones', date_of_birth: '1985-01-01', nationality: 'GB', gender: 'MALE' });
      const first = await openAccount(app.api, owner);
      const second = await openAccount(app.api, owner, { currency: 'GBP' });
      const page = await eventually(async () => {
        const response = await app.api.get(`/api/v1/accounts/by-owner/${owner}`).expect(200);
        expect(response.body.total_items).toBe(2);
        return response.body;
      });
      expect(page.items.map((account: { id: string }) => account.id)).toEqual([first, second]);
      expect(page.items[0]).toMatchObject({ owner: 'Bob Jones' });
      const all = (await app.api.get('/api/v1/accounts?page_size=100').expect(200)).body;
      expect(all.items.map((account: { id: string }) => account.id)).toEqual(expect.arrayContaining([first, second]));
      expectProblem(await app.api.get('/api/v1/accounts/by-owner/nobody'), 400, 'INVALID_REQUEST');
    });
  });
});
