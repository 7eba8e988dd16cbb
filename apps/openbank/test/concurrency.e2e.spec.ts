import { openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('concurrent money movement on one account', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('never takes the balance below minus the overdraft limit, however many withdrawals race', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api), { overdraft_limit: '500.00' });
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1000.00' }).expect(201);

    // 1500.00 available; 25 withdrawals of 100.00 at once: exactly 15 may succeed.
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount: '100.00' })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(15);
    expect(statuses.filter((status) => status === 422)).toHaveLength(10);
    expect(answers.filter((answer) => answer.status === 422).every((answer) => answer.body.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    const balancesAfter = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.balance_after);
    expect(new Set(balancesAfter).size).toBe(15);
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 16)).toMatchObject({ balance: '-500.00', available_balance: '0.00' });
  });

  it('keeps every deposit when many arrive at once', async () => {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await Promise.all(Array.from({ length: 30 }, () => app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '1.00' }).expect(201)));
    expect(await readModel(app.api, `/api/v1/accounts/${account}`, 30)).toMatchObject({ balance: '30.00', transactions_count: 30 });
  });

  it('completes every transfer when many between the same accounts arrive at once, deposits racing them', async () => {
    const [from, to] = [await openAccount(app.api, await registerPerson(app.api)), await openAccount(app.api, await registerPerson(app.api))];
    await app.api.post(`/api/v1/accounts/${from}/deposit`).send({ amount: '100.00' }).expect(201);
    await app.api.post(`/api/v1/accounts/${to}/deposit`).send({ amount: '10.00' }).expect(201);
    const transfers = Array.from({ length: 20 }, (_, index) =>
      app.api.post('/api/v1/transactions/transfer').send(index % 2 ? { from_account_id: from, to_account_id: to, amount: '2.00' } : { from_account_id: to, to_account_id: from, amount: '1.00' }),
    );
    const deposits = Array.from({ length: 10 }, () => app.api.post(`/api/v1/accounts/${to}/deposit`).send({ amount: '1.00' }));
    const answers = await Promise.all([...transfers, ...deposits]);
    expect(answers.map((answer) => answer.status)).toEqual([...transfers.map(() => 201), ...deposits.map(() => 201)]);
    // 10 × 2.00 went to `to`, 10 × 1.00 came back; `to` also took 10 deposits of 1.00.
    expect(await readModel(app.api, `/api/v1/accounts/${from}`, 21)).toMatchObject({ balance: '90.00' });
    expect(await readModel(app.api, `/api/v1/accounts/${to}`, 31)).toMatchObject({ balance: '30.00' });
  });
});
