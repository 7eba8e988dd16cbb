import { buildApplication } from '@openbank/testing';
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { BankClient } from './support/bank-client.js';
import { BankProcesses, type Part } from './support/bank-processes.js';
import { openAccounts, runClients, tallyAnswers, type Outcome } from './support/bank-run.js';
import { checkWriteModel } from './support/ledger-check.js';
import { checkReadModels, checkReplayGivesSameReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { reliabilitySeed, report, sized } from './support/settings.js';
import { workload } from './support/workload.js';

const size = sized({ accounts: 10, clients: 4, operationsPerClient: 30 }, { accounts: 100, clients: 12, operationsPerClient: 80 });
const crashesPerPart = sized(1, 4);
const parts: Part[] = ['api-1', 'kurrentdb', 'mongodb'];

/**
 * Each part of the bank (the API with its projector, then each store) is killed with SIGKILL at random
 * moments while clients move money, and started again. The clients retry every request with
 * its Idempotency-Key until it gets a final answer, across the crashes. Afterwards the ledger
 * must hold exactly what was acknowledged, every transfer must have ended completed or failed
 * (compensated when its source had been debited), and the read models must match the events.
 */
describe('crash safety: kill -9 under load', () => {
  let bank: BankProcesses;
  const outcomes: Outcome[] = [];
  const clientOptions = { answerWithinMs: 30_000, giveUpAfterMs: 240_000 };

  beforeAll(async () => {
    await buildApplication();
    bank = await BankProcesses.start({ IDEMPOTENCY_LEASE_MS: '3000', TRANSFER_WAIT_MS: '300' });
  }, 180_000);

  afterAll(async () => {
    await bank?.stop();
  });

  const explained = async (violations: string[]) => (violations.length === 0 ? [] : [...violations, await bank.problemsLogged()]);

  it.each(parts)('%s killed at random moments: every acknowledged operation recorded once, every transfer settled, balances add up', async (part) => {
    const teller = new BankClient(bank.baseUrl, await bank.token('teller'), clientOptions);
    const admin = new BankClient(bank.baseUrl, await bank.token('admin'), clientOptions);
    const [plan, pauses] = fc.sample(fc.tuple(workload(size), fc.array(fc.integer({ min: 100, max: 1500 }), { minLength: crashesPerPart, maxLength: crashesPerPart })), {
      seed: reliabilitySeed + parts.indexOf(part),
      numRuns: 1,
    })[0];

    const accounts = await openAccounts(teller, plan.accounts);
    let loadDone = false;
    const load = runClients(teller, plan, accounts).finally(() => (loadDone = true));
    const chaos = (async () => {
      for (const [index, pause] of pauses.entries()) {
        // The first crash comes early enough to always hit the load; later ones only while it runs.
        await sleep(index === 0 ? pause / 3 : pause);
        if (loadDone) return;
        await bank.kill(part);
        await bank.startPart(part);
      }
    })();
    const [answered] = await Promise.all([load, chaos]);
    outcomes.push(...answered);

    const written = await checkWriteModel(bank.kurrentdb, accounts, answered, 120_000);
    await waitUntilCaughtUp(admin);
    const read = await checkReadModels(teller, written);
    expect({ misbehaviours: teller.misbehaviours, violations: await explained([...written.violations, ...read]) }).toEqual({ misbehaviours: [], violations: [] });
    expect(bank.kills[part]).toBeGreaterThan(0);
    report(`crash safety, ${part} killed`, { kills: bank.kills[part] ?? 0, operations: answered.length, requests: teller.requests, retries: teller.retries, transfers: written.transfers.size });
  }, sized(180_000, 900_000));

  it('after all the crashes, every read model equals a fresh replay of $all', async () => {
    const admin = new BankClient(bank.baseUrl, await bank.token('admin'), clientOptions);
    const replay = await checkReplayGivesSameReadModels(admin, bank.mongodb, bank.database);
    expect(replay.violations).toEqual([]);
    report('crash safety, replay', { 'read-model documents replayed': replay.documents, ...tallyAnswers(outcomes) });
  }, 180_000);
});
