import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { startListeningTestApp, type ListeningTestApp } from '../test-app.js';
import { BankClient, type Answer } from './support/bank-client.js';
import { openAccounts, runClients, type Sender } from './support/bank-run.js';
import { checkWriteModel } from './support/ledger-check.js';
import { checkReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { loadFriendlySettings, reliabilitySeed, reliabilityStores, report, sized } from './support/settings.js';
import { workload } from './support/workload.js';

const size = sized({ accounts: 8, clients: 4, operationsPerClient: 10 }, { accounts: 60, clients: 12, operationsPerClient: 40 });

interface Repeat {
  /** How many times the request is sent with its key. */
  readonly copies: number;
  /** All at once (racing the first) or one after the other. */
  readonly together: boolean;
}

/**
 * Clients that send every request several times with the same Idempotency-Key, at once or one
 * after another: the money moves once, and every copy gets the same final answer.
 */
describe('retries with the same Idempotency-Key', () => {
  let app: ListeningTestApp;

  beforeAll(async () => {
    app = await startListeningTestApp({ ...loadFriendlySettings, TRANSFER_WAIT_MS: '300' }, await reliabilityStores());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('have no second effect, and every copy of a request gets the same answer', async () => {
    const clientOptions = { answerWithinMs: 30_000, giveUpAfterMs: 120_000 };
    const teller = new BankClient(app.baseUrl, await app.token('teller'), clientOptions);
    const [plan, repeats] = fc.sample(fc.tuple(workload(size), fc.array(fc.record({ copies: fc.integer({ min: 2, max: 4 }), together: fc.boolean() }), { minLength: 64, maxLength: 64 })), {
      seed: reliabilitySeed,
      numRuns: 1,
    })[0];
    const copies = { sent: 0 };

    const accounts = await openAccounts(teller, plan.accounts);
    const outcomes = await runClients(teller, plan, accounts, sendingCopies(repeats, copies));
    const written = await checkWriteModel(app.stores.kurrentdb, accounts, outcomes);
    await waitUntilCaughtUp(new BankClient(app.baseUrl, await app.token('admin'), clientOptions));
    const read = await checkReadModels(teller, written);

    expect({ misbehaviours: teller.misbehaviours, violations: [...written.violations, ...read] }).toEqual({ misbehaviours: [], violations: [] });
    report('retries', { operations: outcomes.length, 'copies sent': copies.sent, requests: teller.requests });
  }, sized(120_000, 900_000));
});

/** Sends each POST in several copies with one key, and checks that they all got the same final answer. */
function sendingCopies(repeats: readonly Repeat[], counter: { sent: number }): Sender {
  let next = 0;
  return async (client, method, path, body) => {
    const key = randomUUID();
    if (method !== 'POST') return client.settle(method, path, body, key);
    const { copies, together } = repeats[next++ % repeats.length];
    counter.sent += copies;
    const settle = () => client.settle(method, path, body, key);
    const answers: Answer[] = together ? await Promise.all(Array.from({ length: copies }, settle)) : [];
    if (!together) for (let copy = 0; copy < copies; copy++) answers.push(await settle());
    const differing = answers.filter((answer) => !isDeepStrictEqual(sameAnswer(answer), sameAnswer(answers[0])));
    if (differing.length > 0) client.misbehaviours.push({ request: `${method} ${path} (key ${key})`, what: `copies answered differently: ${JSON.stringify(answers.map(sameAnswer))}` });
    return answers[0];
  };
}

/** What must be the same for every copy: a problem's instance and correlation are per request. */
function sameAnswer({ status, body }: Answer): unknown {
  if (status < 400) return { status, body };
  const { instance: _instance, correlation_id: _correlation, ...problem } = body ?? {};
  return { status, problem };
}
