import { Decimal } from 'decimal.js';
import { eventually } from '@openbank/testing';
import { startTestApp, type TestApp } from './test-app.js';

interface Flow {
  type: string;
  direction: string;
  amount: string;
}

/** The reference design's walk-through, as a client would run it with curl. */
describe('the walk-through', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: object) => app.api.post(path).send(body);
  const caughtUp = (path: string, revision: number) =>
    eventually(async () => {
      const response = await app.api.get(path).expect(200);
      expect(response.body.revision).toBeGreaterThanOrEqual(revision);
      return response.body;
    });

  it('registers Alice, opens her account, moves money, and keeps every cent accounted for', async () => {
    const alice = await post('/api/v1/persons', { first_name: 'Alice', last_name: 'Smith', date_of_birth: '1990-05-15', nationality: 'US', gender: 'FEMALE' }).expect(201);
    const account = await post('/api/v1/accounts', { owner_id: alice.body.id, overdraft_limit: 500.0 }).expect(201);
    await post('/api/v1/transactions/deposit', { account_id: account.body.id, amount: 1000.0, description: 'Initial deposit' }).expect(201);
    expect(await caughtUp(`/api/v1/accounts/${account.body.id}`, 1)).toMatchObject({ owner: 'Alice Smith', balance: '1000.00' });

    await post('/api/v1/transactions/withdrawal', { account_id: account.body.id, amount: 1600.0, description: 'Too much' }).expect(422);
    await post('/api/v1/transactions/withdrawal', { account_id: account.body.id, amount: 1400.0, description: 'Rent' }).expect(201);

    const bob = await post('/api/v1/persons', { first_name: 'Bob', last_name: 'Jones', date_of_birth: '1985-01-01', nationality: 'GB', gender: 'MALE' }).expect(201);
    const savings = await post('/api/v1/accounts', { owner_id: bob.body.id }).expect(201);
    await post(`/api/v1/accounts/${savings.body.id}/deposit`, { amount: '250.00', description: 'Savings' }).expect(201);
    const transfer = await post('/api/v1/transactions/transfer', { from_account_id: savings.body.id, to_account_id: account.body.id, amount: '100.00', description: 'Paying back' }).expect(201);
    expect(transfer.body.status).toBe('COMPLETED');
    await post('/api/v1/transactions/interest', { account_id: savings.body.id, amount: '0.42', from: '2026-01-01', to: '2026-02-01' }).expect(201);

    expect(await caughtUp(`/api/v1/accounts/${account.body.id}`, 3)).toMatchObject({ balance: '-300.00' });
    expect(await caughtUp(`/api/v1/accounts/${savings.body.id}`, 3)).toMatchObject({ balance: '150.42' });

    // Conservation, once every read model caught up: all balances add up to deposits + interest − withdrawals.
    await eventually(async () => {
      const accounts = (await app.api.get('/api/v1/accounts?page_size=100').expect(200)).body.items as { id: string; balance: string }[];
      const balances = accounts.reduce((sum, entry) => sum.plus(entry.balance), new Decimal(0));
      let flows = new Decimal(0);
      for (const { id } of accounts) {
        const entries = (await app.api.get(`/api/v1/accounts/${id}/transactions?page_size=100`).expect(200)).body.items as Flow[];
        for (const entry of entries.filter((candidate) => candidate.type !== 'TRANSFER')) flows = entry.direction === 'IN' ? flows.plus(entry.amount) : flows.minus(entry.amount);
      }
      expect(balances.toFixed(2)).toBe('-149.58');
      expect(flows.toFixed(2)).toBe(balances.toFixed(2));
    });
  });
});
