import { BACKWARDS, END, FORWARDS, KurrentDBClient, START } from '@kurrent/kurrentdb-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { openAccount, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * MAX_SNAPSHOTS: an account's snapshot stream keeps only its newest snapshots, and the balance at
 * an instant and the history still answer right for the time before the oldest one kept.
 */
describe('time travel past the snapshots kept (SNAPSHOT_EVERY=2, MAX_SNAPSHOTS=2)', () => {
  let app: TestApp;
  let account: string;
  /** The instant right after each deposit was answered, and the balance then. */
  const after: { at: string; balance: string }[] = [];

  beforeAll(async () => {
    app = await startTestApp({ SNAPSHOT_EVERY: '2', MAX_SNAPSHOTS: '2' });
    account = await openAccount(app.api, await registerPerson(app.api));
    let balance = 0;
    for (let amount = 1; amount <= 10; amount++) {
      await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: `${amount}.00`, description: `Deposit ${amount}` }).expect(201);
      balance += amount;
      after.push({ at: new Date().toISOString(), balance: `${balance}.00` });
      // The next deposit is recorded strictly later than this instant.
      await sleep(5);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  const snapshotStream = () => `snapshot-account-${account}`;

  async function accountRevisionOf(deposit: number): Promise<number> {
    const history = (await app.api.get(`/api/v1/accounts/${account}/history`).expect(200)).body.items as { revision: number; balance_after: string }[];
    return history.find((entry) => entry.balance_after === after[deposit - 1].balance)!.revision;
  }

  it('keeps only the two newest snapshots of the account, by the snapshot stream’s $maxCount', async () => {
    const client = app.app.get(KurrentDBClient);
    expect((await client.getStreamMetadata(snapshotStream())).metadata).toMatchObject({ maxCount: 2 });
    const kept: number[] = [];
    for await (const { event } of client.readStream(snapshotStream(), { fromRevision: START, direction: FORWARDS })) kept.push(Number((event!.data as { revision: string }).revision));
    expect(kept).toHaveLength(2);
    // A snapshot was written at every second event of the account; only the newest two are left.
    const last = await accountRevisionOf(10);
    const written = Math.floor((last + 1) / 2);
    expect(written).toBeGreaterThanOrEqual(5);
    for await (const { event } of client.readStream(snapshotStream(), { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) expect(Number(event!.revision)).toBe(written - 1);
    const newestAt = last % 2 === 1 ? last : last - 1;
    expect(kept).toEqual([newestAt - 2, newestAt]);
    expect(Math.min(...kept)).toBeGreaterThan(await accountRevisionOf(5));
  });

  it('answers the balance at instants older than the oldest snapshot kept by replaying the account from its opening', async () => {
    for (const deposit of [1, 2, 5, 8, 10]) {
      const { at, balance } = after[deposit - 1];
      const answer = (await app.api.get(`/api/v1/accounts/${account}/balance?at=${encodeURIComponent(at)}`).expect(200)).body;
      expect({ deposit, balance: answer.balance }).toEqual({ deposit, balance });
    }
  });

  it('shows the history with the balance after each event, from the opening and from a page before the oldest snapshot kept', async () => {
    const history = (await app.api.get(`/api/v1/accounts/${account}/history`).expect(200)).body.items as { balance_after: string }[];
    expect(history.slice(-10).map((entry) => entry.balance_after)).toEqual(after.map((entry) => entry.balance));
    const from = await accountRevisionOf(2);
    const page = (await app.api.get(`/api/v1/accounts/${account}/history?from_revision=${from}&limit=3`).expect(200)).body;
    expect(page.items.map((entry: { balance_after: string }) => entry.balance_after)).toEqual(['3.00', '6.00', '10.00']);
    expect(page.next_from_revision).toBe(from + 3);
  });
});
