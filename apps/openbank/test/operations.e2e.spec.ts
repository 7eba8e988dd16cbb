import { eventually } from '@openbank/testing';
import { openAccount, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('operations endpoints', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('GET /health reports the event store, the read store and every subscription with its lag', async () => {
    const response = await app.api.get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        event_store: { status: 'up' },
        read_store: { status: 'up' },
        subscriptions: {
          status: 'up',
          'person-details': { running: true, consumers: 1, parked: 0 },
          'bank-account-details': { running: true, consumers: 1, parked: 0 },
        },
      },
    });
  });

  it('GET /api/v1/stats counts aggregates and events', async () => {
    const owner = await registerPerson(app.api);
    const account = await openAccount(app.api, owner);
    await app.api.put(`/api/v1/accounts/${account}/overdraft-limit`).send({ overdraft_limit: '10' }).expect(200);
    const stats = await eventually(async () => {
      const response = await app.api.get('/api/v1/stats').expect(200);
      expect(response.body.total_events).toBe(4);
      return response.body;
    });
    // The registration, the opening, the new limit, and the holder's count of its open accounts.
    expect(stats).toEqual({ aggregates: { Person: 1, BankAccount: 1, AccountHolder: 1 }, total_events: 4, persons: 1, accounts: 1, transactions: 0, transfers: 0 });

    // A deposit, then a transfer to a new account: one transaction, then one for each leg.
    const target = await openAccount(app.api, owner);
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '5.00' }).expect(201);
    await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: account, to_account_id: target, amount: '2.00' }).expect(201);
    const after = await eventually(async () => {
      const response = await app.api.get('/api/v1/stats').expect(200);
      expect(response.body).toMatchObject({ accounts: 2, transactions: 3, transfers: 1 });
      return response.body;
    });
    expect(after.aggregates).toEqual({ Person: 1, BankAccount: 2, AccountHolder: 1, Transfer: 1 });
    expect(after.total_events).toBeGreaterThan(stats.total_events + 3);
  });

  describe('OpenAPI', () => {
    it('serves Swagger UI at /api/docs', async () => {
      const response = await app.api.get('/api/docs').expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('swagger');
    });

    it('documents every route with its schemas and its problem+json answers', async () => {
      const document = (await app.api.get('/api/docs-json').expect(200)).body;
      const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
      );
      expect(operations.map(({ route }) => route)).toEqual(
        expect.arrayContaining([
          'POST /api/v1/persons',
          'GET /api/v1/persons',
          'GET /api/v1/persons/{id}',
          'PUT /api/v1/persons/{id}/address',
          'POST /api/v1/accounts',
          'GET /api/v1/accounts',
          'GET /api/v1/accounts/{id}',
          'GET /api/v1/accounts/by-owner/{ownerId}',
          'PUT /api/v1/accounts/{id}/overdraft-limit',
          'POST /api/v1/accounts/{id}/close',
          'GET /api/v1/stats',
          'GET /health',
        ]),
      );
      for (const { route, operation } of operations.filter(({ route }) => route.includes('/api/v1/'))) {
        const answers = operation.responses as Record<string, any>;
        const success = Object.keys(answers).find((status) => status.startsWith('2'));
        expect({ route, success: success !== undefined }).toEqual({ route, success: true });
        const problems = Object.entries(answers).filter(([status]) => Number(status) >= 400);
        expect({ route, documentsProblems: problems.length > 0 }).toEqual({ route, documentsProblems: true });
        for (const [, answer] of problems) expect(Object.keys(answer.content)).toEqual(['application/problem+json']);
      }
      expect(document.components.schemas.RegisterPersonRequest.required).toEqual(expect.arrayContaining(['first_name', 'last_name', 'date_of_birth', 'nationality', 'gender']));
      expect(document.components.schemas.ProblemDetails.properties).toHaveProperty('code');
    });
  });
});
