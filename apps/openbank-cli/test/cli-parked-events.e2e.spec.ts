import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { getConnectionToken } from '@nestjs/mongoose';
import { eventually } from '@openbank/testing';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { openAccount, readModel, registerPerson } from '../../openbank/test/http-helpers.js';
import { startListeningTestApp, type ListeningTestApp } from '../../openbank/test/test-app.js';
import { ExitCode } from '../src/exit-codes.js';
import { openbank as run } from './cli-harness.js';

/** Parked events, from the poison event to its replay, through the openbank CLI. */
describe('openbank projections parked | replay', () => {
  let app: ListeningTestApp;
  const openbank = (...args: string[]) => run(args, { OPENBANK_URL: app.baseUrl });

  beforeAll(async () => {
    app = await startListeningTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function fundedAccount(): Promise<string> {
    const account = await openAccount(app.api, await registerPerson(app.api));
    await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount: '100.00', description: `Opening ${account}` }).expect(201);
    await readModel(app.api, `/api/v1/accounts/${account}`, 1);
    return account;
  }

  /** The one event of the account `subscription` parked (each test poisons an account of its own). */
  const parkedOf = (subscription: string, account: string) =>
    eventually(async () => {
      const parked = (await (await app.as('admin')).get(`/api/v1/admin/parked-events?subscription=${subscription}`).expect(200)).body as { id: string; stream_id: string }[];
      const ofAccount = parked.filter((entry) => entry.stream_id === `account-${account}`);
      expect(ofAccount).toHaveLength(1);
      return ofAccount[0];
    }, 15_000);

  it('lists an event its projection cannot store, keeps it parked while the cause lasts, and replays it once fixed', async () => {
    const account = await fundedAccount();
    // The cause: a unique index on the transactions read model that a second "Poisoned rent" breaks.
    const transactions = app.app.get<Connection>(getConnectionToken()).collection('account_transactions');
    await transactions.createIndex({ description: 1 }, { name: 'poison', unique: true, partialFilterExpression: { description: 'Poisoned rent' } });
    let poisoned: { id: string };
    try {
      for (const amount of ['10.00', '20.00']) await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: account, amount, description: 'Poisoned rent' }).expect(201);
      poisoned = await parkedOf('account-transactions', account);

      const listed = await openbank('projections', 'parked');
      expect(listed.code).toBe(ExitCode.Ok);
      expect(listed.stdout).toMatch(new RegExp(`│ ${escape(poisoned.id)}\\s+│ BankAccountTransactionRecordedDomainEventV1\\s+│ account-${account}@3\\s+│ 1\\s+│ \\S+\\s+│ .*E11000 duplicate key`));
      expect(listed.stdout).toMatch(/^\d+ parked: replay them once their cause is fixed/m);

      // Parked events are shown, but they do not make OpenBank unhealthy.
      const status = await openbank('status');
      expect(status.code).toBe(ExitCode.Ok);
      expect(status.stdout).toMatch(/│ account-transactions\s+│ projection\s+│ projections\s+│ yes\s+│ 1\s+│.+│ [1-9]\d*\s+│$/m);
      expect(status.stdout).toMatch(/^\d+ events are parked: see `openbank projections parked`/m);

      const tooSoon = await openbank('projections', 'replay', 'all', '--subscription', 'account-transactions');
      expect(tooSoon.code).toBe(ExitCode.Failed);
      expect(tooSoon.stdout).toBe('replayed 0 parked events\n');
      expect(tooSoon.stderr).toMatch(new RegExp(`^openbank: \\d+ failed again and stay parked: .*${escape(poisoned.id)}`, 'm'));
    } finally {
      await transactions.dropIndex('poison');
    }

    const replayed = await openbank('projections', 'replay', poisoned.id);
    expect(replayed).toMatchObject({ code: ExitCode.Ok, stdout: 'replayed 1 parked event\n' });
    expect((await openbank('projections', 'parked', '--subscription', 'account-transactions')).stdout).not.toContain(`account-${account}`);
    const listed = (await app.api.get(`/api/v1/accounts/${account}/transactions?type=WITHDRAWAL`).expect(200)).body.items as { amount: string }[];
    expect(listed.map((entry) => entry.amount).sort()).toEqual(['10.00', '20.00']);
  }, 60_000);

  it('leaves a malformed event appended to the store parked, and the ledger check names it', async () => {
    const account = await fundedAccount();
    const malformed = { accountId: account, transaction: { transactionId: randomUUID(), type: 'DEPOSIT', direction: 'IN' } };
    await app.app.get(KurrentDBClient).appendToStream(`account-${account}`, jsonEvent({ type: 'BankAccountTransactionRecordedDomainEventV1', data: malformed }));
    const poisoned = await parkedOf('bank-account-details', account);
    expect(poisoned.stream_id).toBe(`account-${account}`);

    const listed = await openbank('projections', 'parked', '--subscription', 'bank-account-details');
    expect(listed.code).toBe(ExitCode.Ok);
    expect(listed.stdout).toMatch(new RegExp(`│ ${escape(poisoned.id)}\\s+│ BankAccountTransactionRecordedDomainEventV1\\s+│ account-${account}@2\\s+│ 1\\s+│ \\S+\\s+│ TypeError`));

    const replayed = await openbank('projections', 'replay', poisoned.id);
    expect(replayed.code).toBe(ExitCode.Failed);
    expect(replayed.stderr).toContain(`openbank: 1 failed again and stay parked: ${poisoned.id}`);

    const verified = await openbank('verify', '--settle-timeout', '0');
    expect(verified.code).toBe(ExitCode.Failed);
    expect(verified.stdout).toMatch(new RegExp(`UNREADABLE_EVENT: BankAccountTransactionRecordedDomainEventV1 at account-${account}@2 does not make sense`));
    expect(verified.stdout).toContain(`READ_MODEL_STALE: account ${account} is marked stale in the read model: an event for it was parked`);
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
