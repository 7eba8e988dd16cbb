import { randomUUID } from 'node:crypto';
import { eventually } from '@openbank/testing';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

interface Listed {
  items: { id?: string; transaction_id?: string; initiated_at?: string; occurred_at?: string }[];
  page: number;
  page_size: number;
  total_items: number;
  total_pages: number;
}

/**
 * The lists across accounts: transfers (staff see all, a customer those of their own accounts)
 * and transactions (staff), each filtered, paged, newest first.
 */
describe('lists of transfers and transactions', () => {
  let app: TestApp;
  const person = (first_name: string) => ({ first_name, last_name: 'Lister', date_of_birth: '1985-02-03', nationality: 'BE', gender: 'OTHER' });
  const people = { alice: '', bob: '', carol: '', dave: '' };
  const accounts = { a1: '', a2: '', b1: '', c1: '' };
  /** The transfers in the order they were made: t1 a1→b1, t2 b1→a2, t3 a1→a2, t4 b1→c1. */
  const transfers: { id: string; initiated_at: string }[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    for (const name of Object.keys(people) as (keyof typeof people)[]) people[name] = await registerPerson(app.api, person(name));
    accounts.a1 = await openAccount(app.api, people.alice);
    accounts.a2 = await openAccount(app.api, people.alice);
    accounts.b1 = await openAccount(app.api, people.bob);
    accounts.c1 = await openAccount(app.api, people.carol);
    await app.api.post(`/api/v1/accounts/${accounts.a1}/deposit`).send({ amount: '100.00' }).expect(201);
    await app.api.post(`/api/v1/accounts/${accounts.b1}/deposit`).send({ amount: '100.00' }).expect(201);
    for (const [from, to] of [
      [accounts.a1, accounts.b1],
      [accounts.b1, accounts.a2],
      [accounts.a1, accounts.a2],
      [accounts.b1, accounts.c1],
    ]) {
      const made = await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: from, to_account_id: to, amount: '10.00' }).expect(201);
      transfers.push({ id: made.body.id, initiated_at: '' });
    }
    // The read models the lists read: every transfer, and the accounts whose owners a customer's list needs.
    for (const transfer of transfers) transfer.initiated_at = (await readModel(app.api, `/api/v1/transactions/transfers/${transfer.id}`)).initiated_at;
    for (const account of Object.values(accounts)) await readModel(app.api, `/api/v1/accounts/${account}`);
  });

  afterAll(async () => {
    await app?.close();
  });

  const list = async (client: TestClient, path: string): Promise<Listed> => (await client.get(path).expect(200)).body;
  const idsOf = (page: Listed) => page.items.map((item) => item.id ?? item.transaction_id);
  const [t1, t2, t3, t4] = [0, 1, 2, 3].map((index) => () => transfers[index].id);

  describe('GET /api/v1/transactions/transfers', () => {
    const path = '/api/v1/transactions/transfers';

    it('shows staff every transfer, newest first, a page at a time', async () => {
      const first = await list(app.api, `${path}?page_size=3`);
      expect({ ...first, items: idsOf(first) }).toEqual({ items: [t4(), t3(), t2()], page: 1, page_size: 3, total_items: 4, total_pages: 2 });
      expect(first.items[0]).toMatchObject({ from_account_id: accounts.b1, to_account_id: accounts.c1, amount: '10.00', currency: 'EUR', status: 'COMPLETED' });
      expect(idsOf(await list(app.api, `${path}?page_size=3&page=2`))).toEqual([t1()]);
    });

    it('filters on an account, as source or as target', async () => {
      expect(idsOf(await list(app.api, `${path}?account_id=${accounts.a1}`))).toEqual([t3(), t1()]);
      expect(idsOf(await list(app.api, `${path}?account_id=${accounts.b1}`))).toEqual([t4(), t2(), t1()]);
      expect(idsOf(await list(app.api, `${path}?account_id=${accounts.a2}&page_size=1`))).toEqual([t3()]);
      expect((await list(app.api, `${path}?account_id=${randomUUID()}`)).total_items).toBe(0);
    });

    it('filters on a status', async () => {
      expect((await list(app.api, `${path}?status=COMPLETED`)).total_items).toBe(4);
      expect(await list(app.api, `${path}?status=FAILED`)).toEqual({ items: [], page: 1, page_size: 20, total_items: 0, total_pages: 0 });
      expect(idsOf(await list(app.api, `${path}?status=COMPLETED&account_id=${accounts.c1}`))).toEqual([t4()]);
    });

    it('filters on when they were initiated: from included, to excluded', async () => {
      const at = (index: number) => encodeURIComponent(transfers[index].initiated_at);
      expect(idsOf(await list(app.api, `${path}?from=${at(1)}`))).toEqual([t4(), t3(), t2()]);
      expect(idsOf(await list(app.api, `${path}?to=${at(1)}`))).toEqual([t1()]);
      expect(idsOf(await list(app.api, `${path}?from=${at(1)}&to=${at(3)}&account_id=${accounts.a2}`))).toEqual([t3(), t2()]);
    });

    it('shows a customer only the transfers of their own accounts', async () => {
      expect(idsOf(await list(await app.as('customer', people.alice), path))).toEqual([t3(), t2(), t1()]);
      expect(idsOf(await list(await app.as('customer', people.alice), `${path}?account_id=${accounts.a2}`))).toEqual([t3(), t2()]);
      expect(idsOf(await list(await app.as('customer', people.carol), path))).toEqual([t4()]);
      expect((await list(await app.as('customer', people.dave), path)).total_items).toBe(0);
    });

    it("answers a customer who names someone else's account as if it did not exist", async () => {
      const alice = await app.as('customer', people.alice);
      expectProblem(await alice.get(`${path}?account_id=${accounts.c1}`), 404, 'BANK_ACCOUNT_NOT_FOUND');
      expectProblem(await alice.get(`${path}?account_id=${randomUUID()}`), 404, 'BANK_ACCOUNT_NOT_FOUND');
    });

    it('refuses filters that are not well formed, naming them', async () => {
      for (const query of ['account_id=not-a-uuid', 'status=LOST', 'from=yesterday', 'page_size=101', 'owner=me', 'status[$ne]=FAILED']) {
        const response = await app.api.get(`${path}?${query}`);
        expectProblem(response, 400, 'INVALID_REQUEST');
      }
    });
  });

  describe('GET /api/v1/transactions', () => {
    const path = '/api/v1/transactions';
    /** Two deposits, and two legs for each of the four transfers. */
    const everyTransaction = 10;

    beforeAll(async () => {
      await eventually(async () => expect((await list(app.api, path)).total_items).toBe(everyTransaction));
    });

    it('shows staff the transactions of every account, newest first, a page at a time', async () => {
      const all = await list(app.api, `${path}?page_size=100`);
      expect(all.total_items).toBe(everyTransaction);
      const times = all.items.map((item) => item.occurred_at!);
      expect(times).toEqual([...times].sort().reverse());
      const pages = [await list(app.api, `${path}?page_size=4`), await list(app.api, `${path}?page_size=4&page=2`), await list(app.api, `${path}?page_size=4&page=3`)];
      expect(pages.map((page) => page.items.length)).toEqual([4, 4, 2]);
      expect(pages.flatMap(idsOf)).toEqual(idsOf(all));
      expect(pages[0]).toMatchObject({ page: 1, page_size: 4, total_items: everyTransaction, total_pages: 3 });
    });

    it("filters on an account: that account's transactions in the order of its revisions", async () => {
      const a1 = await list(app.api, `${path}?account_id=${accounts.a1}`);
      expect(a1.items).toEqual([
        expect.objectContaining({ account_id: accounts.a1, type: 'TRANSFER', direction: 'OUT', amount: '10.00', balance_after: '80.00' }),
        expect.objectContaining({ account_id: accounts.a1, type: 'TRANSFER', direction: 'OUT', amount: '10.00', balance_after: '90.00' }),
        expect.objectContaining({ account_id: accounts.a1, type: 'DEPOSIT', direction: 'IN', amount: '100.00', balance_after: '100.00' }),
      ]);
      expect(await list(app.api, `${path}?account_id=${randomUUID()}`)).toEqual({ items: [], page: 1, page_size: 20, total_items: 0, total_pages: 0 });
    });

    it('filters on a type, alone or with an account', async () => {
      const deposits = await list(app.api, `${path}?type=DEPOSIT`);
      expect(deposits.items.map((item) => (item as { account_id?: string }).account_id)).toEqual([accounts.b1, accounts.a1]);
      expect((await list(app.api, `${path}?type=TRANSFER`)).total_items).toBe(8);
      expect((await list(app.api, `${path}?type=TRANSFER&account_id=${accounts.b1}`)).total_items).toBe(3);
      expect((await list(app.api, `${path}?type=INTEREST`)).total_items).toBe(0);
    });

    it('filters on when they occurred: from included, to excluded', async () => {
      const all = await list(app.api, `${path}?page_size=100`);
      const third = all.items.at(-3)!.occurred_at!;
      const since = await list(app.api, `${path}?page_size=100&from=${encodeURIComponent(third)}`);
      expect(since.items.every((item) => item.occurred_at! >= third)).toBe(true);
      const before = await list(app.api, `${path}?page_size=100&to=${encodeURIComponent(third)}`);
      expect(before.items.every((item) => item.occurred_at! < third)).toBe(true);
      expect(since.total_items + before.total_items).toBe(everyTransaction);
      expect((await list(app.api, `${path}?from=${encodeURIComponent(third)}&to=${encodeURIComponent(third)}`)).total_items).toBe(0);
    });

    it('is for staff: a customer reads their own through their accounts', async () => {
      expectProblem(await (await app.as('customer', people.alice)).get(`${path}?account_id=${accounts.a1}`), 403, 'ACCESS_DENIED');
      await (await app.as('admin')).get(path).expect(200);
    });

    it('refuses filters that are not well formed, naming them', async () => {
      for (const query of ['account_id=42', 'type=GIFT', 'to=2026-13-01', 'page=0', 'currency=EUR', 'type[$ne]=DEPOSIT']) {
        expectProblem(await app.api.get(`${path}?${query}`), 400, 'INVALID_REQUEST');
      }
    });
  });
});
