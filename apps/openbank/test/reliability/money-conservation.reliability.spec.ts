import fc from 'fast-check';
import { startListeningTestApp, type ListeningTestApp } from '../test-app.js';
import { BankClient } from './support/bank-client.js';
import { openAccounts, runClients, tallyAnswers, type Outcome } from './support/bank-run.js';
import { checkWriteModel } from './support/ledger-check.js';
import { checkReadModels, checkReplayGivesSameReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { loadFriendlySettings, multiStreamAppendByDefault, reliabilitySeed, reliabilityStores, report, sized } from './support/settings.js';
import { workload } from './support/workload.js';

const size = sized({ accounts: 12, clients: 4, operationsPerClient: 12 }, { accounts: 100, clients: 16, operationsPerClient: 60 });
const runs = sized(2, 5);

describe('money conservation: many clients moving money at once', () => {
  let app: ListeningTestApp;

  beforeAll(async () => {
    app = await startListeningTestApp({ ...loadFriendlySettings, TRANSFER_WAIT_MS: '500' }, await reliabilityStores());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs on the store asked for: transfers in one append, or moved step by step by the transfer process', async () => {
    const figures = await (await app.as('admin')).get('/api/v1/admin/stores').expect(200);
    expect(figures.body.event_store.atomic_appends).toBe(multiStreamAppendByDefault);
  });

  it('keeps every cent: balances add up, no overdraft is broken, each acknowledged operation is recorded once, read models match the events', async () => {
    const clientOptions = { answerWithinMs: 30_000, giveUpAfterMs: 120_000 };
    const teller = new BankClient(app.baseUrl, await app.token('teller'), clientOptions);
    const admin = new BankClient(app.baseUrl, await app.token('admin'), clientOptions);
    const outcomes: Outcome[] = [];
    let accounts = 0;

    await fc.assert(
      fc.asyncProperty(workload(size), async (plan) => {
        const opened = await openAccounts(teller, plan.accounts);
        accounts += opened.length;
        const answered = await runClients(teller, plan, opened);
        outcomes.push(...answered);
        const written = await checkWriteModel(app.stores.kurrentdb, opened, answered);
        await waitUntilCaughtUp(admin);
        const read = await checkReadModels(teller, written);
        expect({ misbehaviours: teller.misbehaviours, violations: [...written.violations, ...read] }).toEqual({ misbehaviours: [], violations: [] });
      }),
      // Shrinking would replay against a live bank for a long time: a failure reports its seed and plan instead.
      { seed: reliabilitySeed, numRuns: runs, endOnFailure: true },
    );
    const replay = await checkReplayGivesSameReadModels(admin, app.stores.mongodb, app.stores.mongoDatabase);
    expect(replay.violations).toEqual([]);

    report('money conservation', { runs, accounts, operations: outcomes.length, requests: teller.requests, retries: teller.retries, 'read-model documents replayed': replay.documents, ...tallyAnswers(outcomes) });
  }, sized(240_000, 1_800_000));
});
