import { KurrentDBClient, persistentSubscriptionToAllSettingsFromDefaults } from '@kurrent/kurrentdb-client';
import { getModelToken } from '@nestjs/mongoose';
import { eventually } from '@openbank/testing';
import type { Model } from 'mongoose';
import { BankAccountDetails } from '../../../libs/contexts/accounts/src/read-models/bank-account-details/bank-account-details.schema.js';
import { openAccount, readModel, registerPerson } from '../../openbank/test/http-helpers.js';
import { startListeningTestApp, startTestApp, type ListeningTestApp } from '../../openbank/test/test-app.js';
import { ExitCode } from '../src/exit-codes.js';
import { openbank as run, spawnOpenbank } from './cli-harness.js';

const projections = ['person-details', 'bank-account-details', 'account-transactions', 'transfer-details', 'stream-activity'];

describe('the openbank CLI against a running OpenBank', () => {
  let app: ListeningTestApp;
  const openbank = (...args: string[]) => run(args, { OPENBANK_URL: app.baseUrl });

  beforeAll(async () => {
    app = await startListeningTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function fundedAccount(amount: string): Promise<string> {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount }).expect(201);
    await readModel(app.api, `/api/v1/accounts/${account}`, 1);
    return account;
  }

  it('shows the health of the app, its stores, each subscription and each process as tables', async () => {
    const status = await openbank('status');

    expect(status.code).toBe(ExitCode.Ok);
    expect(status.stdout).toMatch(/│ OpenBank\s+│ up\s+│ http:\/\/127\.0\.0\.1:\d+ \(not started by `openbank start`\)/);
    expect(status.stdout).toMatch(/│ event store \(KurrentDB\)\s+│ up/);
    expect(status.stdout).toMatch(/│ read store \(MongoDB\)\s+│ up/);
    expect(status.stdout).toMatch(/│ subscription\s+│ kind\s+│ group\s+│ running\s+│ consumers\s+│ position\s+│ caught up\s+│ lag \(time\)\s+│ parked\s+│/);
    for (const name of ['person-details', 'bank-account-details', 'stream-activity']) {
      expect(status.stdout).toMatch(new RegExp(`│ ${name}\\s+│ projection\\s+│ projections\\s+│ yes\\s+│ 1\\s+│ [-\\d]+\\s+│ (yes|no)\\s+│ [\\d,]+ ms\\s+│ 0\\s+│`));
    }
    expect(status.stdout).toMatch(/│ transfer-process\s+│ process\s+│ transfer-process\s+│ yes\s+│ 1\s+│/);
    // The test application is an API and a projector in one process: this one.
    expect(status.stdout).toMatch(/│ role\s+│ host\s+│ pid\s+│ up since\s+│ consumers\s+│/);
    expect(status.stdout).toMatch(
      new RegExp(`│ api\\+projector\\s+│ \\S+\\s+│ ${process.pid}\\s+│ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(\\d+ (s|min)\\)\\s+│ projections: consuming, transfer-process: consuming\\s+│`),
    );
    expect(status.stdout).not.toContain('No projector is running');
  });

  it('seeds demo data through the public API with a progress bar, and the data is there', async () => {
    const before = (await app.api.get('/api/v1/stats').expect(200)).body;

    const seeded = await openbank('seed', '--persons', '4', '--accounts', '6', '--transactions', '40', '--seed', '7');

    expect(seeded.code).toBe(ExitCode.Ok);
    expect(seeded.stderr).toMatch(/seeding \|[█░]+\| 100% · 50\/50 · transactions/);
    expect(seeded.stdout).toMatch(/│ persons registered\s+│ 4\s+│/);
    expect(seeded.stdout).toMatch(/│ accounts opened\s+│ \d+ (EUR|USD)/);
    const [, deposits] = /│ deposits \(openings included\)\s+│ (\d+)/.exec(seeded.stdout)!;
    expect(Number(deposits)).toBeGreaterThanOrEqual(6);
    await eventually(async () => {
      const after = (await app.api.get('/api/v1/stats').expect(200)).body;
      expect(after.persons - before.persons).toBe(4);
      expect(after.accounts - before.accounts).toBe(6);
    });
  });

  it('lists the projections and processes with their consumer group, consumers, lag and rebuild', async () => {
    const list = await openbank('projections', 'list');

    expect(list.code).toBe(ExitCode.Ok);
    expect(list.stdout).toMatch(/│ name\s+│ kind\s+│ group\s+│ consumers\s+│ position\s+│ lag \(positions\)\s+│ lag \(time\)\s+│ caught up\s+│ parked\s+│ rebuild\s+│/);
    expect(list.stdout).toMatch(/│ bank-account-details\s+│ projection\s+│ projections\s+│ 1\s+│ [-\d]+\s+│ [\d,]+\s+│ [\d,]+ ms\s+│ (yes|no)\s+│ 0\s+│ (-|done · [\d,]+ events)\s+│/);
    expect(list.stdout).toMatch(/│ transfer-process\s+│ process\s+│ transfer-process\s+│ 1\s+│ .+│ -\s+│$/m);
    expect(list.stdout).not.toContain('no projector consumes');
  });

  it('rebuilds a projection, following its progress, and reports its speed', async () => {
    await fundedAccount('3.00');

    const rebuilt = await openbank('projections', 'rebuild', 'bank-account-details', '--poll', '100');

    expect(rebuilt.code).toBe(ExitCode.Ok);
    expect(rebuilt.stderr).toMatch(/rebuilding \|[█░]+\| 100% · [\d,]+ events · [\d,.]+ events\/s · \d+ s/);
    expect(rebuilt.stdout).toMatch(/│ projection\s+│ events\s+│ time\s+│ speed\s+│ parked\s+│/);
    expect(rebuilt.stdout).toMatch(/│ bank-account-details\s+│ [1-9][\d,]*\s+│ [\d.,]+ m?s\s+│ [\d,.]+ events\/s\s+│ 0\s+│/);
    expect(rebuilt.stdout).toMatch(/^rebuilt bank-account-details: [1-9][\d,]* events in [\d.,]+ m?s \([\d,.]+ events\/s\)$/m);
    expect((await openbank('projections', 'list')).stdout).toMatch(/│ bank-account-details\s+│ projection\s+│.+│ done · [1-9][\d,]* events\s+│/);
  });

  it('rebuilds every projection with all, and no process', async () => {
    const rebuilt = await openbank('projections', 'rebuild', 'all', '--poll', '100');

    expect(rebuilt.code).toBe(ExitCode.Ok);
    expect(rebuilt.stderr).toMatch(new RegExp(`rebuilding \\|[█░]+\\| 100% · ${projections.length}/${projections.length} done · [\\d,]+ events`));
    for (const name of projections) expect(rebuilt.stdout).toMatch(new RegExp(`│ ${name}\\s+│ [\\d,]+\\s+│`));
    expect(rebuilt.stdout).not.toContain('transfer-process');
    expect(rebuilt.stdout).toMatch(new RegExp(`^rebuilt ${projections.length} projections: `, 'm'));
  });

  it('asks for a rebuild without following it, and the list shows it through to done', async () => {
    const asked = await openbank('projections', 'rebuild', 'person-details', '--no-wait');

    expect(asked).toMatchObject({ code: ExitCode.Ok, stdout: 'asked to rebuild person-details: a projector runs it; follow it with `openbank projections list`\n' });
    await eventually(async () => expect((await openbank('projections', 'list')).stdout).toMatch(/│ person-details\s+│ projection\s+│.+│ yes\s+│ 0\s+│ done · [\d,]+ events\s+│/));
  });

  it('says which projection it does not know, and that processes are not rebuilt', async () => {
    const unknown = await openbank('projections', 'rebuild', 'no-such-projection');

    expect(unknown.code).toBe(ExitCode.Refused);
    expect(unknown.stderr).toContain('answered 404 Subscription not found (SUBSCRIPTION_NOT_FOUND): no subscription named no-such-projection');

    const aProcess = await openbank('projections', 'rebuild', 'transfer-process');
    expect(aProcess.code).toBe(ExitCode.Refused);
    expect(aProcess.stderr).toMatch(/answered 409 .*\(SUBSCRIPTION_NOT_REBUILDABLE\): transfer-process is a process: only projections can be rebuilt/);
  });

  it('lists the consumer groups earlier versions left, deletes those no projector consumes, and names the one still consumed', async () => {
    const client = app.app.get(KurrentDBClient);
    const [idle, consumed] = ['openbank-transfer-process', 'openbank-transfer-process-0a1b2c3d'];
    for (const name of [idle, consumed]) await client.createPersistentSubscriptionToAll(name, persistentSubscriptionToAllSettingsFromDefaults());
    // A projector of the earlier version, still running.
    const earlierProjector = client.subscribeToPersistentSubscriptionToAll(consumed);
    earlierProjector.on('data', () => undefined);
    try {
      await eventually(async () => expect((await openbank('projections', 'superseded')).stdout).toMatch(new RegExp(`│ ${consumed}\\s+│ transfer-process\\s+│ 1\\s+│`)));
      const listed = await openbank('projections', 'superseded');
      expect(listed.code).toBe(ExitCode.Ok);
      expect(listed.stdout).toMatch(new RegExp(`│ ${idle}\\s+│ transfer-process\\s+│ 0\\s+│ -\\s+│`));
      expect(listed.stdout).toContain('delete those no projector consumes any more with `openbank projections superseded --delete`');
      expect((await openbank('projections', 'list')).stdout).toContain('2 consumer groups of earlier versions still on the event store: see `openbank projections superseded`');

      const deleting = await openbank('projections', 'superseded', '--delete');
      expect(deleting).toMatchObject({ code: ExitCode.Failed, stdout: 'deleted 1 superseded consumer group\n' });
      expect(deleting.stderr).toContain(`1 still consumed by a projector of an earlier version, left in place: ${consumed}`);
    } finally {
      await earlierProjector.unsubscribe();
    }
    await eventually(async () => expect((await openbank('projections', 'superseded', '--delete')).stdout).toBe('deleted 1 superseded consumer group\n'));
    expect(await openbank('projections', 'superseded')).toMatchObject({ code: ExitCode.Ok, stdout: 'no superseded consumer groups\n' });
    expect((await openbank('projections', 'list')).stdout).not.toContain('earlier versions');
    const remaining = (await client.listPersistentSubscriptionsToAll()).map((group) => group.groupName);
    expect(remaining.filter((name) => name === idle || name === consumed)).toEqual([]);
  });

  it('tells a stream’s size and age, and lists streams gone quiet', async () => {
    const account = await fundedAccount('1.00');

    const stats = await openbank('streams', 'stats', `account-${account}`);
    expect(stats.code).toBe(ExitCode.Ok);
    expect(stats.stdout).toMatch(new RegExp(`│ stream\\s+│ account-${account}\\s+│`));
    expect(stats.stdout).toMatch(/│ events\s+│ 2\s+│/);

    await eventually(async () => {
      const idle = await openbank('streams', 'idle', '--days', '0', '--category', 'account', '--limit', '1000');
      expect(idle.code).toBe(ExitCode.Ok);
      expect(idle.stdout).toContain(`account-${account}`);
    });
    expect(await openbank('streams', 'idle', '--days', '1')).toMatchObject({ code: ExitCode.Ok, stdout: 'no stream has been idle for 1 days or more\n' });
    expect(await openbank('streams', 'stats', 'account-00000000-0000-4000-8000-000000000000')).toMatchObject({ code: ExitCode.Refused, stderr: expect.stringContaining('STREAM_NOT_FOUND') });
  });

  it('verifies a clean ledger, and exits 1 naming the account whose read model was corrupted', async () => {
    const account = await fundedAccount('12.00');
    const clean = await openbank('verify');
    expect(clean.code).toBe(ExitCode.Ok);
    expect(clean.stdout).toMatch(/^Ledger check of .+, up to position \d+: [\d,]+ events read in [\d.,]+ m?s$/m);
    expect(clean.stdout).toMatch(/│ EUR\s+│ [\d.]+\s+│ [\d.]+\s+│ [\d.]+\s+│ 0\.00\s+│ ([-\d.]+)\s+│ \1\s+│ \1\s+│ yes\s+│/);
    expect(clean.stdout).toContain('OK: every balance matches its events, money is conserved and every transfer settled.');

    const documents = app.app.get<Model<BankAccountDetails>>(getModelToken(BankAccountDetails.name));
    await documents.updateOne({ _id: account }, { $set: { balance_minor: 999_999 } }).exec();
    const corrupted = await openbank('verify');
    expect(corrupted.code).toBe(ExitCode.Failed);
    expect(corrupted.stdout).toContain(`BALANCE_MISMATCH: account ${account} has 9999.99 EUR in the read model, 12.00 EUR from its events`);
    expect(corrupted.stdout).toMatch(/CONSERVATION_VIOLATED: EUR: deposits/);
    expect(corrupted.stdout).toMatch(/│ EUR\s+│.+│ NO\s+│/);
    expect(corrupted.stderr).toContain('openbank: the ledger check found 2 differences');

    const json = await openbank('verify', '--json');
    expect(json.code).toBe(ExitCode.Failed);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, differences: expect.arrayContaining([expect.objectContaining({ kind: 'BALANCE_MISMATCH', account_id: account })]) });

    expect((await openbank('projections', 'rebuild', 'bank-account-details', '--poll', '100')).code).toBe(ExitCode.Ok);
    expect(await openbank('verify')).toMatchObject({ code: ExitCode.Ok, stdout: expect.stringContaining('OK: every balance matches') });
  }, 60_000);

  it('exits 1 when no projector runs: status says so, list names the idle groups, a rebuild waits for one', async () => {
    const apiOnly = await startTestApp({}, undefined, { role: 'api' });
    try {
      await apiOnly.app.listen(0, '127.0.0.1');
      const env = { OPENBANK_URL: await apiOnly.app.getUrl() };

      const status = await run(['status'], env);
      expect(status.code).toBe(ExitCode.Failed);
      expect(status.stdout).toMatch(/│ bank-account-details\s+│ projection\s+│ projections\s+│ NO\s+│ 0\s+│/);
      expect(status.stdout).toMatch(new RegExp(`│ api\\s+│ \\S+\\s+│ ${process.pid}\\s+│ .+ UTC .+│ -\\s+│`));
      expect(status.stdout).toMatch(/^No projector is running: nothing applies the events to the read models/m);
      expect(status.stderr).toMatch(/^openbank: subscriptions with no running consumer: .*bank-account-details/m);

      const list = await run(['projections', 'list'], env);
      expect(list.code).toBe(ExitCode.Ok);
      expect(list.stdout).toMatch(/│ bank-account-details\s+│ projection\s+│ projections\s+│ 0\s+│/);
      expect(list.stdout).toMatch(/^no projector consumes projections, transfer-process: what they feed does not move/m);

      const following = spawnOpenbank(['projections', 'rebuild', 'bank-account-details', '--poll', '100'], env);
      await eventually(() => expect(following.output().stderr).toContain('no projector is running: the rebuild waits until one starts and claims it'), 15_000);
      following.child.kill('SIGINT');
      const stopped = await following.finished;
      expect(stopped.code).toBe(ExitCode.Ok);
      expect(stopped.stderr).toContain('stopped following; the rebuild goes on in OpenBank');
      expect((await run(['projections', 'list'], env)).stdout).toMatch(/│ bank-account-details\s+│.+│ waiting\s+│/);
    } finally {
      await apiOnly.close();
    }
  }, 60_000);

  it('refuses a token that is not valid, or not an admin’s', async () => {
    expect(await run(['projections', 'list'], { OPENBANK_URL: app.baseUrl, OPENBANK_TOKEN: 'not-a-token' })).toMatchObject({
      code: ExitCode.NotAuthorized,
      stderr: expect.stringContaining('answered 401'),
    });
    const teller = await run(['projections', 'list', '--token', await app.token('teller')], { OPENBANK_URL: app.baseUrl });
    expect(teller).toMatchObject({ code: ExitCode.NotAuthorized, stderr: expect.stringContaining('The token lacks the admin role') });
    expect((await run(['projections', 'list', '--token', await app.token('admin')], { OPENBANK_URL: app.baseUrl })).code).toBe(ExitCode.Ok);
  });
});
