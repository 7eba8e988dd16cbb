import { eventually } from '@openbank/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAccount, registerPerson } from '../../openbank/test/http-helpers.js';
import { startListeningTestApp, type ListeningTestApp } from '../../openbank/test/test-app.js';
import { ExitCode } from '../src/exit-codes.js';
import { openbank as run } from './cli-harness.js';

/** Cold storage through the openbank CLI: archive run → list → verify → restore. */
describe('openbank archive run | list | verify | restore', () => {
  let app: ListeningTestApp;
  let archiveDir: string;
  const openbank = (...args: string[]) => run(args, { OPENBANK_URL: app.baseUrl });

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'openbank-cli-archives-'));
    app = await startListeningTestApp({ ARCHIVE_AFTER_DAYS: '0', ARCHIVE_DIR: archiveDir });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  async function closedAccount(): Promise<string> {
    const id = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${id}/deposit`).send({ amount: '25.00' }).expect(201);
    await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: id, amount: '25.00' }).expect(201);
    await app.api.post(`/api/v1/accounts/${id}/close`).send({ reason: 'no longer needed' }).expect(200);
    await eventually(async () => expect((await app.api.get(`/api/v1/accounts/${id}`).expect(200)).body.status).toBe('CLOSED'));
    return `account-${id}`;
  }

  it('archives the due streams with progress, lists them, proves them by checksums, finds a damaged one, and restores one', async () => {
    const [first, second] = [await closedAccount(), await closedAccount()];

    const dryRun = await openbank('archive', 'run', '--dry-run');
    expect(dryRun.code).toBe(ExitCode.Ok);
    expect(dryRun.stdout).toMatch(new RegExp(`│ ${first}\\s+│ closed on \\S+\\s+│`));
    expect(dryRun.stdout).toMatch(/^2 streams due for archiving$/m);

    const archived = await openbank('archive', 'run');
    expect(archived.code).toBe(ExitCode.Ok);
    expect(archived.stderr).toMatch(/archiving \|.*\| 2\/2 streams · 6 events · [\d.,]+ events\/s/);
    expect(archived.stdout).toMatch(new RegExp(`│ ${second}\\s+│ 3\\s+│ [\\d,]+\\s+│ account/${second}/000000000000-000000000002\\.ndjson\\.gz`));
    expect(archived.stdout).toMatch(/^archived 2 streams: 6 events in \S+ m?s \([\d.,]+ events\/s\)$/m);
    expect(await openbank('archive', 'run')).toMatchObject({ code: ExitCode.Ok, stdout: '0 streams due for archiving\n' });

    const listed = await openbank('archive', 'list');
    expect(listed.code).toBe(ExitCode.Ok);
    expect(listed.stdout).toMatch(new RegExp(`│ ${first}\\s+│ archived\\s+│ 3\\s+│ 0–2\\s+│`));
    expect(listed.stdout).toMatch(/^2 archives$/m);

    const verified = await openbank('archive', 'verify');
    expect(verified.code).toBe(ExitCode.Ok);
    expect(verified.stdout).toMatch(new RegExp(`│ ${first}\\s+│ archived\\s+│ 3\\s+│ 1\\s+│ yes\\s+│`));
    expect(verified.stdout).toMatch(/^2 of 2 archives verified: archive \+ store = the whole history$/m);
    expect(verified.stderr).toMatch(/verifying \|.*\| 2\/2 archives · 0 failed/);

    const file = join(archiveDir, `account/${second}/000000000000-000000000002.ndjson.gz`);
    const original = readFileSync(file);
    writeFileSync(file, original.subarray(0, original.length - 4));
    try {
      const damaged = await openbank('archive', 'verify', second);
      expect(damaged.code).toBe(ExitCode.Failed);
      expect(damaged.stdout).toMatch(new RegExp(`│ ${second}\\s+│ archived\\s+│ 0\\s+│ 1\\s+│ NO\\s+│ the archive's sha256 is`));
      expect(damaged.stderr).toContain(`openbank: 1 archive failed verification: ${second}`);
    } finally {
      writeFileSync(file, original);
    }

    const restored = await openbank('archive', 'restore', first);
    expect(restored).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringMatching(new RegExp(`^restored ${first}: 3 events back in the event store`)) });
    expect((await openbank('archive', 'list')).stdout).toMatch(new RegExp(`│ ${first}\\s+│ restored\\s+│`));
    expect((await openbank('archive', 'verify', first)).code).toBe(ExitCode.Ok);
  }, 90_000);

  it('refuses a stream with no archive and a bad name', async () => {
    const missing = await openbank('archive', 'restore', 'account-00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(ExitCode.Refused);
    expect(missing.stderr).toMatch(/ARCHIVE_NOT_FOUND|has no archive/);
    expect((await openbank('archive', 'verify', '../etc')).code).toBe(ExitCode.Refused);
    expect(await openbank('archive')).toMatchObject({ code: ExitCode.Usage, stderr: expect.stringContaining("'archive' needs a command") });
  });
});
