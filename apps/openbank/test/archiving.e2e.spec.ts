import { startEmbeddedKurrentDB, type EmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { eventually, startTestMongo, type TestStore } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectProblem, openAccount, readModel, registerPerson } from './http-helpers.js';
import { startTestApp, type TestApp, type TestClient } from './test-app.js';

/**
 * Archiving closed accounts to cold storage, through the admin API on an embedded KurrentDB (read
 * through the real client, scavenged as a real node does): archive → truncate → the history, the
 * balance at an instant and the ledger check still right → verify by checksums → restore.
 */
describe('archiving closed accounts to cold storage (/api/v1/admin/archives)', () => {
  let kurrentdb: EmbeddedKurrentDB;
  let mongodb: TestStore;
  let app: TestApp;
  let admin: TestClient;
  let archiveDir: string;

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'openbank-archives-'));
    [kurrentdb, mongodb] = await Promise.all([startEmbeddedKurrentDB({ port: 0 }), startTestMongo()]);
    const stores = {
      kurrentdb: kurrentdb.connectionString,
      mongodb: mongodb.address,
      mongoDatabase: `openbank_test_${randomUUID().slice(0, 8)}`,
      stop: async () => {
        await Promise.all([kurrentdb.stop(), mongodb.stop()]);
      },
    };
    app = await startTestApp({ ARCHIVE_AFTER_DAYS: '0', ARCHIVE_DIR: archiveDir, TRANSFER_WAIT_MS: '0' }, stores);
    admin = await app.as('admin');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  const settled = (id: string) =>
    eventually(async () => expect((await app.api.get(`/api/v1/transactions/transfers/${id}`).expect(200)).body.status).toBe('COMPLETED'), 20_000);

  /** An account that received money, paid some of it to `payee` by transfer, withdrew the rest and was closed. */
  async function closedAccount(payee: string): Promise<{ id: string; stream: string; instants: string[] }> {
    const id = await openAccount(app.api, await registerPerson(app.api));
    const instants: string[] = [];
    await app.api.post(`/api/v1/accounts/${id}/deposit`).send({ amount: '100.00', description: 'Salary' }).expect(201);
    instants.push(new Date().toISOString());
    const transfer = await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: id, to_account_id: payee, amount: '30.00' });
    await settled(transfer.body.id);
    instants.push(new Date().toISOString());
    await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: id, amount: '70.00' }).expect(201);
    await app.api.post(`/api/v1/accounts/${id}/close`).send({ reason: 'moving abroad' }).expect(200);
    await eventually(async () => expect((await app.api.get(`/api/v1/accounts/${id}`).expect(200)).body.status).toBe('CLOSED'));
    return { id, stream: `account-${id}`, instants };
  }

  const history = async (id: string) => (await app.api.get(`/api/v1/accounts/${id}/history?limit=100`).expect(200)).body.items as { revision: number; archived?: boolean }[];
  const balances = (id: string, instants: string[]) => Promise.all(instants.map(async (at) => (await app.api.get(`/api/v1/accounts/${id}/balance?at=${at}`).expect(200)).body));
  const verification = async () => (await admin.get('/api/v1/admin/ledger/verification?settle_seconds=5').expect(200)).body;

  let payee: string;
  beforeAll(async () => {
    payee = await openAccount(app.api, await registerPerson(app.api));
  });

  it('archives a closed account, reads its history from the archive, proves it by checksums and restores it', async () => {
    const account = await closedAccount(payee);
    const before = await history(account.id);
    const balancesBefore = await balances(account.id, account.instants);
    expect(balancesBefore.map((balance) => balance.balance)).toEqual(['100.00', '70.00']);

    expect((await admin.get('/api/v1/admin/archives/due').expect(200)).body).toContainEqual({ stream: account.stream, reason: expect.stringMatching(/^closed on /) });
    const archived = (await admin.post(`/api/v1/admin/archives/${account.stream}`).expect(201)).body;
    expect(archived).toMatchObject({ stream: account.stream, events: before.length - 1, truncate_before: String(before.length - 1), archived_now: true });
    expect(readFileSync(join(archiveDir, archived.key)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await admin.post(`/api/v1/admin/archives/${account.stream}`).expect(201)).body).toMatchObject({ key: archived.key, archived_now: false });
    expect((await admin.get('/api/v1/admin/archives/due').expect(200)).body).not.toContainEqual(expect.objectContaining({ stream: account.stream }));

    // A damaged archive is found out, and history refuses to answer from it (once read whole, it is kept in memory).
    const file = join(archiveDir, archived.key);
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    try {
      expect((await admin.get(`/api/v1/admin/archives/${account.stream}/verification`).expect(200)).body).toMatchObject({ ok: false, problems: [expect.stringMatching(/sha256/)] });
      expectProblem(await app.api.get(`/api/v1/accounts/${account.id}/history`), 409, 'ARCHIVE_UNREADABLE');
    } finally {
      writeFileSync(file, original);
    }

    // What a user reads is the same, each archived event said to come from cold storage.
    expect(await history(account.id)).toEqual(before.map((entry) => (entry.revision < before.length - 1 ? { ...entry, archived: true } : entry)));
    expect(await balances(account.id, account.instants)).toEqual(balancesBefore);
    // The account still loads (from the snapshot at the truncation point): a closed account refuses money.
    expectProblem(await app.api.post(`/api/v1/accounts/${account.id}/deposit`).send({ amount: '1.00' }), 422, 'BANK_ACCOUNT_CLOSED');
    expect(await verification()).toMatchObject({ ok: true, difference_count: 0 });

    const listed = (await admin.get('/api/v1/admin/archives').expect(200)).body;
    expect(listed).toContainEqual(expect.objectContaining({ stream: account.stream, key: archived.key, state: 'archived', events: archived.events, sha256: archived.sha256 }));
    const verified = (await admin.get(`/api/v1/admin/archives/${account.stream}/verification`).expect(200)).body;
    expect(verified).toMatchObject({ ok: true, state: 'archived', archived_events: archived.events, stored_events: 1, problems: [] });
    expect(verified.computed_sha256).toBe(verified.history_sha256);

    expect((await admin.post(`/api/v1/admin/archives/${account.stream}/restore`).expect(200)).body).toMatchObject({ stream: account.stream, events: archived.events });
    expect(await history(account.id)).toEqual(before);
    expect((await admin.get(`/api/v1/admin/archives/${account.stream}/verification`).expect(200)).body).toMatchObject({ ok: true, state: 'restored', problems: [] });
    expect(await verification()).toMatchObject({ ok: true });
  }, 90_000);

  it('keeps reading the archive once a scavenge reclaimed the archived events, and says a restore cannot bring them back', async () => {
    const account = await closedAccount(payee);
    const before = await history(account.id);
    const balancesBefore = await balances(account.id, account.instants);
    await admin.post(`/api/v1/admin/archives/${account.stream}`).expect(201);
    await kurrentdb.scavenge();

    expect((await history(account.id)).map(({ archived: _archived, ...entry }) => entry)).toEqual(before);
    expect(await balances(account.id, account.instants)).toEqual(balancesBefore);
    expect(await verification()).toMatchObject({ ok: true, difference_count: 0 });
    expect((await admin.get(`/api/v1/admin/archives/${account.stream}/verification`).expect(200)).body).toMatchObject({ ok: true, state: 'archived' });
    expectProblem(await admin.post(`/api/v1/admin/archives/${account.stream}/restore`), 409, 'ARCHIVE_RECLAIMED');
    expect((await admin.get(`/api/v1/admin/archives/${account.stream}/verification`).expect(200)).body).toMatchObject({ ok: true, state: 'archived' });
  }, 90_000);

  it('refuses what may not be archived: an open account, a stream of no archived category, a bad name, a stream with no archive', async () => {
    expectProblem(await admin.post(`/api/v1/admin/archives/account-${payee}`), 409, 'STREAM_NOT_ARCHIVABLE');
    expectProblem(await admin.post('/api/v1/admin/archives/person-1'), 409, 'STREAM_NOT_ARCHIVABLE');
    expectProblem(await admin.post('/api/v1/admin/archives/..%2Fetc'), 400, 'INVALID_REQUEST');
    expectProblem(await admin.get(`/api/v1/admin/archives/account-${payee}/verification`), 404, 'ARCHIVE_NOT_FOUND');
    expectProblem(await admin.post(`/api/v1/admin/archives/account-${payee}/restore`), 404, 'ARCHIVE_NOT_FOUND');
    expectProblem(await app.api.post(`/api/v1/admin/archives/account-${payee}`), 403, 'ACCESS_DENIED');
  });
});
