import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo } from '@openbank/embedded-mongodb';
import { eventually, type TestStores } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccount, readModel, registerPerson } from '../../openbank/test/http-helpers.js';
import { startListeningTestApp, type ListeningTestApp } from '../../openbank/test/test-app.js';
import { ExitCode } from '../src/exit-codes.js';
import { openbank } from './cli-harness.js';

/** The embedded stores keeping their data under DATA_DIR, as `openbank start` runs them. */
async function storesUnder(dataDir: string, mongoDatabase: string): Promise<TestStores> {
  const [kurrentdb, mongodb] = await Promise.all([startEmbeddedKurrentDB({ dataDir: join(dataDir, 'kurrentdb'), port: 0 }), startEmbeddedMongo({ dataDir: join(dataDir, 'mongodb'), port: 0 })]);
  return {
    kurrentdb: kurrentdb.connectionString,
    mongodb: mongodb.uri,
    mongoDatabase,
    stop: async () => {
      await Promise.all([kurrentdb.stop(), mongodb.stop()]);
    },
  };
}

/** `openbank backup` while OpenBank runs, then `openbank restore` with it stopped: the bank as it was at the backup. */
describe('openbank backup | restore (embedded stores)', () => {
  let dataDir: string;
  let app: ListeningTestApp | undefined;
  const mongoDatabase = `openbank_test_${randomUUID().slice(0, 8)}`;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'openbank-backup-'));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startApp = async () => (app = await startListeningTestApp({ DATA_DIR: dataDir }, await storesUnder(dataDir, mongoDatabase)));

  it('backs up the running stores, and restores them to that moment with every check passing', async () => {
    let running = await startApp();
    const kept = await openAccount(running.api, await registerPerson(running.api));
    await running.api.post(`/api/v1/accounts/${kept}/deposit`).send({ amount: '42.00' }).expect(201);
    await readModel(running.api, `/api/v1/accounts/${kept}`, 1);

    const backup = await openbank(['backup'], { OPENBANK_URL: running.baseUrl });
    expect(backup.code).toBe(ExitCode.Ok);
    const directory = /^restore it with: openbank restore (.+)$/m.exec(backup.stdout)?.[1];
    expect(directory).toMatch(new RegExp(`^${dataDir}/backups/openbank-`));
    expect(backup.stdout).toMatch(new RegExp(`│ MongoDB\\s+│ ${mongoDatabase}: \\d+ collections, \\d+ documents`));
    expect(readdirSync(directory!).sort()).toEqual(['kurrentdb', 'manifest.json', 'mongodb']);

    // Never under running stores.
    expect(await openbank(['restore', directory!], { DATA_DIR: dataDir })).toMatchObject({ code: ExitCode.Failed, stderr: expect.stringMatching(/kurrentdb is in use by process \d+: stop OpenBank/) });

    // After the backup: gone once it is restored.
    const later = await openAccount(running.api, await registerPerson(running.api));
    await running.app.close();
    await running.stores.stop();
    app = undefined;

    expect(await openbank(['restore', join(dataDir, 'no-backup-here')], { DATA_DIR: dataDir })).toMatchObject({ code: ExitCode.Failed, stderr: expect.stringContaining('is not a backup') });
    const restored = await openbank(['restore', directory!], { DATA_DIR: dataDir });
    expect(restored.stderr).toContain('every file matches its sha256');
    expect(restored).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringMatching(/^restored the backup of \S+ into .+: [\d,]+ events in \$all, [\d,]+ documents in /) });
    expect(restored.stdout).toMatch(/^what was there before is in .+before-restore-/m);

    running = await startApp();
    expect((await running.api.get(`/api/v1/accounts/${kept}`).expect(200)).body).toMatchObject({ balance: '42.00' });
    await running.api.get(`/api/v1/accounts/${later}`).expect(404);
    await running.api.post(`/api/v1/accounts/${kept}/deposit`).send({ amount: '8.00' }).expect(201);
    await eventually(async () => expect((await running.api.get(`/api/v1/accounts/${kept}`).expect(200)).body).toMatchObject({ balance: '50.00' }));
    const admin = await running.as('admin');
    expect((await admin.get('/api/v1/admin/ledger/verification?settle_seconds=5').expect(200)).body).toMatchObject({ ok: true, difference_count: 0 });

    // A damaged backup is refused before anything is touched.
    appendFileSync(join(directory!, 'kurrentdb', 'kurrentdb.log'), 'x');
    await running.app.close();
    await running.stores.stop();
    app = undefined;
    const damaged = await openbank(['restore', directory!], { DATA_DIR: dataDir });
    expect(damaged).toMatchObject({ code: ExitCode.Failed, stderr: expect.stringContaining('kurrentdb/kurrentdb.log missing or not matching its sha256') });
    expect(existsSync(join(dataDir, 'kurrentdb', 'kurrentdb.log'))).toBe(true);
  }, 120_000);
});
