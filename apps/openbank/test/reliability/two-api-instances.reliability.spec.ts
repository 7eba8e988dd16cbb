import { buildApplication } from '@openbank/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { BankClient, type Answer } from './support/bank-client.js';
import { BankCluster } from './support/bank-cluster.js';
import { signToken } from './support/bank-processes.js';
import type { Outcome } from './support/bank-run.js';
import { memoryFigures, requestFigures, serverErrors } from './support/figures.js';
import { LagSampler } from './support/lag-sampler.js';
import { checkWriteModel } from './support/ledger-check.js';
import { verifyLedger } from './support/ledger-verification.js';
import { checkReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { anotherRound, reliabilitySeed, report, scenarioTimeout, sized } from './support/settings.js';
import { openSharedAccounts, replayEveryKey, runSharedKeyLoad, sameAnswer, sharedKeyPlan, type SharedAccounts } from './support/shared-keys-load.js';

const size = sized({ clientsPerCaller: 2, operationsPerClient: 12 }, { clientsPerCaller: 4, operationsPerClient: 40 });

/**
 * Two API processes and a projector on the same stores, as a scaled-out deployment runs them.
 * Customers A and B and a teller use the same Idempotency-Keys, through either instance or both
 * at once; customer B reuses customer A's key on A's account. A key is its caller's own: every
 * acknowledged write must be in the streams with the balance its caller was told, read by the
 * read models, answered again identically for the same caller, and the bank's own ledger
 * verification must find nothing.
 */
describe('two API instances on the same stores', () => {
  let cluster: BankCluster;
  let admin: BankClient;
  const clients: BankClient[] = [];

  beforeAll(async () => {
    await buildApplication();
    cluster = await BankCluster.start({ apis: 2, projectors: 1, settings: { TRANSFER_WAIT_MS: '300' } });
    admin = new BankClient(cluster.apiUrl(0), await signToken('admin'), { answerWithinMs: 240_000, giveUpAfterMs: 240_000 });
    clients.push(admin);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const open = async (seed: number) => {
    const overdrafts = fc.sample(fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 6, maxLength: 6 }), { seed, numRuns: 1 })[0];
    const shared = await openSharedAccounts([cluster.apiUrl(0), cluster.apiUrl(1)], [0, ...overdrafts.slice(1)]);
    clients.push(...[shared.customerA, shared.customerB, shared.teller].flatMap(({ instances }) => instances));
    return shared;
  };

  const explained = async (violations: string[]) => (violations.length === 0 ? [] : [...violations, await cluster.problemsLogged()]);

  it("customer B reusing customer A's key on A's account through the other instance: both deposits recorded, every balance told is the stream's", async () => {
    const { accounts, customerA, customerB, teller } = await open(reliabilitySeed);
    const hot = accounts[0].id;
    const deposit = (money: string) => ({ account_id: hot, amount: money, description: 'rent' });
    const key = 'rent-2026-11';

    const funded = await teller.instances[1].settle('POST', '/api/v1/transactions/deposit', deposit('10.00'), randomUUID());
    const byA = await customerA.instances[0].settle('POST', '/api/v1/transactions/deposit', deposit('0.01'), key);
    const byB = await customerB.instances[1].settle('POST', '/api/v1/transactions/deposit', deposit('500.00'), key);
    const withdrawal = await customerA.instances[1].settle('POST', '/api/v1/transactions/withdrawal', { account_id: hot, amount: '500.00' }, randomUUID());
    const replayedToA = await customerA.instances[1].settle('POST', '/api/v1/transactions/deposit', deposit('0.01'), key);

    expect([funded, byA, byB, withdrawal].map(({ status }) => status)).toEqual([201, 201, 201, 201]);
    expect(byB.body.transaction_id).not.toBe(byA.body.transaction_id);
    expect([byA.body.balance_after, withdrawal.body.balance_after]).toEqual(['10.01', '10.01']);
    expect(sameAnswer(replayedToA, byA)).toBe(true);

    const outcomes: Outcome[] = [funded, byA, byB].map((answer: Answer) => ({ operation: { kind: 'deposit', account: 0, cents: 0 }, answer }));
    outcomes.push({ operation: { kind: 'withdraw', account: 0, cents: 50_000 }, answer: withdrawal });
    const written = await checkWriteModel(cluster.kurrentdb, accounts, outcomes);
    expect({ misbehaviours: clients.flatMap((client) => client.misbehaviours), violations: await explained([...written.violations, ...(await verifyLedger(admin))]) }).toEqual({ misbehaviours: [], violations: [] });
    expect(written.accounts[0].balance).toBe(1001);
  }, 120_000);

  it('under concurrent load with shared and colliding keys on both instances: every acknowledged write recorded once and read, replays answered the same, no 5xx, the ledger verified clean', async () => {
    const memoryAtStart = cluster.memory();
    const sampler = new LagSampler(new BankClient(cluster.apiUrl(1), await signToken('admin'), { answerWithinMs: 10_000, giveUpAfterMs: 10_000 }));
    const startedAt = Date.now();
    const totals = { rounds: 0, operations: 0, replays: 0, 'settle ms max': 0 };
    sampler.start();
    try {
      while (anotherRound(startedAt, totals.rounds)) {
        const seed = reliabilitySeed + totals.rounds;
        const shared: SharedAccounts = await open(seed);
        const callers = [shared.customerA, shared.customerB, shared.teller];
        const sent = await runSharedKeyLoad(callers, sharedKeyPlan(callers, shared.accounts.length, size, `round${totals.rounds}`, seed), shared.accounts);
        const loadEnded = Date.now();
        const written = await checkWriteModel(cluster.kurrentdb, shared.accounts, sent);
        await waitUntilCaughtUp(admin);
        totals['settle ms max'] = Math.max(totals['settle ms max'], Date.now() - loadEnded);
        totals.replays += await replayEveryKey(sent, shared.accounts);
        const rewritten = await checkWriteModel(cluster.kurrentdb, shared.accounts, sent);
        const read = await checkReadModels(shared.teller.instances[totals.rounds % 2], rewritten);
        const violations = [...written.violations, ...rewritten.violations, ...read, ...(await verifyLedger(admin))];
        expect({ misbehaviours: clients.flatMap((client) => client.misbehaviours), serverErrors: serverErrors(clients), violations: await explained(violations) }).toEqual({ misbehaviours: [], serverErrors: {}, violations: [] });
        totals.rounds++;
        totals.operations += sent.length;
      }
    } finally {
      sampler.stop();
    }
    report('two API instances, shared and colliding keys', { ...totals, seconds: Math.round((Date.now() - startedAt) / 1000), ...requestFigures(clients), ...sampler.figures(), ...memoryFigures(memoryAtStart, cluster.memory()) });
  }, scenarioTimeout(120_000, 600_000));
});
