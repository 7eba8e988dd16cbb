import { buildApplication } from '@openbank/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { BankClient, type Answer } from './support/bank-client.js';
import { BankProcesses } from './support/bank-processes.js';
import { openAccounts, runClients, sendOnceWithoutKey, type OpenedAccount, type Outcome } from './support/bank-run.js';
import { checkWriteModel } from './support/ledger-check.js';
import { checkReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { reliabilitySeed, report, sized } from './support/settings.js';
import { workload, type Workload } from './support/workload.js';

const size = sized({ accounts: 8, clients: 3, operationsPerClient: 10 }, { accounts: 60, clients: 10, operationsPerClient: 40 });
const storeDeadlineMs = 2000;

/**
 * A store goes away for a while (killed) and comes back on the same data. The read store away:
 * commands go on, queries answer 503, and the read models catch up with no gap. The event store
 * away: commands answer 503 (they never hang and never answer 500), and work again by themselves.
 */
describe('outages: a store away for a while', () => {
  let bank: BankProcesses;
  let teller: BankClient;
  let admin: BankClient;
  const clientOptions = { answerWithinMs: 30_000, giveUpAfterMs: 120_000 };
  const plans = fc.sample(fc.tuple(workload(size), workload(size)), { seed: reliabilitySeed, numRuns: 1 })[0];

  beforeAll(async () => {
    await buildApplication();
    bank = await BankProcesses.start({ STORE_DEADLINE_MS: String(storeDeadlineMs), TRANSFER_WAIT_MS: '300' });
    teller = new BankClient(bank.baseUrl, await bank.token('teller'), clientOptions);
    admin = new BankClient(bank.baseUrl, await bank.token('admin'), clientOptions);
  }, 180_000);

  afterAll(async () => {
    await bank?.stop();
  });

  async function expectLedgerIntact(accounts: OpenedAccount[], outcomes: Outcome[]): Promise<void> {
    const written = await checkWriteModel(bank.kurrentdb, accounts, outcomes);
    await waitUntilCaughtUp(admin);
    expect({ misbehaviours: teller.misbehaviours, violations: [...written.violations, ...(await checkReadModels(teller, written))] }).toEqual({ misbehaviours: [], violations: [] });
  }

  it('read store down: commands still succeed, queries answer 503, the read models catch up with no gap', async () => {
    const plan: Workload = plans[0];
    const accounts = await openAccounts(teller, plan.accounts);
    await bank.kill('mongodb');

    // Without an Idempotency-Key: keys are kept in the read store, so a keyed command waits for it (503).
    const outcomes = await runClients(teller, plan, accounts, sendOnceWithoutKey);
    const queries = await Promise.all(accounts.map(({ id }) => teller.get(`/api/v1/accounts/${id}`)));
    const keyed = await teller.send('POST', `/api/v1/accounts/${accounts[0].id}/deposit`, { amount: '1.00' }, randomUUID());

    await bank.startPart('mongodb');
    expect(outcomes.filter(({ answer }) => answer.status >= 500)).toEqual([]);
    expect(new Set(queries.map(problemCode))).toEqual(new Set(['503 READ_STORE_UNAVAILABLE']));
    expect(problemCode(keyed)).toBe('503 READ_STORE_UNAVAILABLE');
    await expectLedgerIntact(accounts, outcomes);
    report('outage of the read store', { commands: outcomes.length, 'queries answered 503': queries.length });
  }, sized(120_000, 600_000));

  it('event store down: commands answer 503 without hanging, then work again by themselves with the same keys', async () => {
    const plan: Workload = plans[1];
    const accounts = await openAccounts(teller, plan.accounts);
    await bank.kill('kurrentdb');

    const targets = accounts.slice(0, sized(8, 50));
    const keys = targets.map(() => randomUUID());
    const timed = await Promise.all(
      targets.map(async ({ id }, index) => {
        const started = performance.now();
        const answer = await teller.send('POST', `/api/v1/accounts/${id}/deposit`, { amount: '5.00' }, keys[index]);
        return { answer, milliseconds: performance.now() - started };
      }),
    );
    expect(new Set(timed.map(({ answer }) => problemCode(answer)))).toEqual(new Set(['503 EVENT_STORE_UNAVAILABLE']));

    await bank.startPart('kurrentdb');
    // The same requests again, with their keys: the 503 was not kept, so each now takes effect, once.
    const retried: Outcome[] = await Promise.all(
      timed.map(async (_, index) => ({
        operation: { kind: 'deposit' as const, account: index, cents: 500 },
        answer: await teller.settle('POST', `/api/v1/accounts/${targets[index].id}/deposit`, { amount: '5.00' }, keys[index]),
      })),
    );
    expect(retried.map(({ answer }) => answer.status)).toEqual(retried.map(() => 201));
    const outcomes = [...retried, ...(await runClients(teller, plan, accounts))];
    await expectLedgerIntact(accounts, outcomes);
    const slowest = Math.max(...timed.map(({ milliseconds }) => milliseconds));
    report('outage of the event store', { 'commands answered 503': timed.length, 'slowest 503 (ms)': Math.round(slowest), 'store deadline (ms)': storeDeadlineMs, 'commands after recovery': outcomes.length });
  }, sized(120_000, 600_000));
});

function problemCode(answer: Answer): string {
  return `${answer.status} ${answer.body?.code}`;
}
