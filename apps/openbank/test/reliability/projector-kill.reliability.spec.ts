import { buildApplication } from '@openbank/testing';
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { BankClient } from './support/bank-client.js';
import { BankCluster } from './support/bank-cluster.js';
import { signToken } from './support/bank-processes.js';
import { openAccounts, runClients, settleWithNewKey, tallyAnswers, type Outcome, type Sender } from './support/bank-run.js';
import type { Progress } from './support/chaos.js';
import { groupsConsumedBy, waitUntilConsuming } from './support/consumer-groups.js';
import { memoryFigures, requestFigures, serverErrors } from './support/figures.js';
import { LagSampler } from './support/lag-sampler.js';
import { CloudEventSink } from './support/cloudevent-sink.js';
import { checkWriteModel } from './support/ledger-check.js';
import { verifyLedger } from './support/ledger-verification.js';
import { checkReadModels, checkReplayGivesSameReadModels, waitUntilCaughtUp } from './support/read-model-check.js';
import { anotherRound, reliabilitySeed, report, scenarioTimeout, sized } from './support/settings.js';
import { operationCount, workload } from './support/workload.js';

const size = sized({ accounts: 10, clients: 4, operationsPerClient: 24 }, { accounts: 60, clients: 10, operationsPerClient: 60 });
/** A dead projector's share is taken over within seconds (the server hands its events to the others). */
const takeoverWithinMs = 15_000;

/**
 * Two projectors share the read side and a CloudEvent sink (held by one of them at a time). The
 * one consuming the most groups is killed with SIGKILL while clients move money, with events
 * handed to it and not acknowledged. The other must take over each of its consumer groups; every
 * money movement must reach the sink, in each account's order; the read models must settle to
 * the streams: every balance, revision and transaction list equal to the event store's (nothing
 * lost, nothing applied twice), every transfer ended, nothing parked, the bank's ledger
 * verification clean, and, at the end, every read model equal to a fresh replay of $all. A soak
 * kills one projector each round and starts a new one, so two are running when the next kill comes.
 *
 * It runs on two stores: one with the multi-stream append, where a transfer is one atomic append,
 * and one without (KurrentDB before 25.1), where the transfer process moves every transfer step by
 * step, so the kill lands between the steps of transfers in flight.
 */
describe.each([
  { store: 'with the multi-stream append', multiStreamAppend: true },
  { store: 'without the multi-stream append (transfers moved by the transfer process)', multiStreamAppend: false },
])('a projector killed under load while another runs, on a KurrentDB $store', ({ store, multiStreamAppend }) => {
  let cluster: BankCluster;
  let teller: BankClient;
  let admin: BankClient;
  let sink: CloudEventSink;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    await buildApplication();
    sink = await CloudEventSink.start();
    cluster = await BankCluster.start({ apis: 1, projectors: 2, multiStreamAppend, settings: { TRANSFER_WAIT_MS: '300', CLOUDEVENTS_SINKS: sink.url } });
    teller = new BankClient(cluster.apiUrl(0), await signToken('teller'), { answerWithinMs: 30_000, giveUpAfterMs: 120_000 });
    admin = new BankClient(cluster.apiUrl(0), await signToken('admin'), { answerWithinMs: 240_000, giveUpAfterMs: 240_000 });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await sink?.stop();
  });

  const explained = async (violations: string[]) => (violations.length === 0 ? [] : [...violations, await cluster.problemsLogged()]);

  /** The projector consuming the most groups, with those groups: the kill that leaves the most to take over. */
  async function busiestProjector(): Promise<{ name: string; groups: string[] }> {
    const candidates = await Promise.all([...cluster.projectors.keys()].map(async (name) => ({ name, groups: await groupsConsumedBy(admin, cluster.pidOf(name)!) })));
    return candidates.sort((a, b) => b.groups.length - a.groups.length)[0];
  }

  it('the other projector takes over its consumer groups; read models settle to the streams, nothing lost or applied twice, the ledger verified clean', async () => {
    const memoryAtStart = cluster.memory();
    const sampler = new LagSampler(new BankClient(cluster.apiUrl(0), await signToken('admin'), { answerWithinMs: 10_000, giveUpAfterMs: 10_000 }));
    const startedAt = Date.now();
    const totals = { rounds: 0, kills: 0, operations: 0, transfers: 0, 'takeover ms max': 0, 'settle ms max': 0 };
    sampler.start();
    try {
      while (anotherRound(startedAt, totals.rounds)) {
        // The kill comes after 20–60 % of the operations got their answer: always while the load runs.
        const [plan, killAtPercent] = fc.sample(fc.tuple(workload(size), fc.integer({ min: 20, max: 60 })), { seed: reliabilitySeed + totals.rounds, numRuns: 1 })[0];
        const accounts = await openAccounts(teller, plan.accounts);
        await waitUntilCaughtUp(admin);
        const victim = await busiestProjector();
        const survivor = [...cluster.projectors.keys()].find((name) => name !== victim.name)!;

        let loadRunning = true;
        const progress: Progress = { done: 0, total: operationCount(plan) };
        const counted: Sender = (client, ...request) => settleWithNewKey(client, ...request).finally(() => progress.done++);
        const load = runClients(teller, plan, accounts, counted).finally(() => (loadRunning = false));
        while (loadRunning && progress.done < (progress.total * killAtPercent) / 100) await sleep(20);
        const killedMidLoad = loadRunning;
        await cluster.killProjector(victim.name);
        const killedAt = Date.now();
        totals.kills++;
        const notTakenOver = await waitUntilConsuming(admin, cluster.pidOf(survivor)!, victim.groups, takeoverWithinMs);
        totals['takeover ms max'] = Math.max(totals['takeover ms max'], Date.now() - killedAt);

        const answered = await load;
        const loadEnded = Date.now();
        outcomes.push(...answered);
        const written = await checkWriteModel(cluster.kurrentdb, accounts, answered);
        const statuses = await waitUntilCaughtUp(admin);
        totals['settle ms max'] = Math.max(totals['settle ms max'], Date.now() - loadEnded);
        const parked = statuses.filter((status) => status.parked > 0).map(({ name, parked: count }) => `${name}: ${count} events parked`);
        const read = await checkReadModels(teller, written);
        const delivered = await sink.check(cluster.kurrentdb, accounts.map(({ id }) => id));
        const violations = [...written.violations, ...read, ...parked, ...delivered, ...(await verifyLedger(admin))];
        expect({ killedMidLoad, notTakenOver, misbehaviours: [...teller.misbehaviours, ...admin.misbehaviours], serverErrors: serverErrors([teller, admin]), violations: await explained(violations) }).toEqual({
          killedMidLoad: true,
          notTakenOver: [],
          misbehaviours: [],
          serverErrors: {},
          violations: [],
        });
        totals.rounds++;
        totals.operations += answered.length;
        totals.transfers += written.transfers.size;
        // The next round, if any, kills one of two again.
        if (anotherRound(startedAt, totals.rounds)) await cluster.startProjector();
      }
    } finally {
      sampler.stop();
    }
    const replay = await checkReplayGivesSameReadModels(admin, cluster.mongodb, cluster.database);
    expect(replay.violations).toEqual([]);
    report(`projector killed under load, on a KurrentDB ${store}`, {
      ...totals,
      seconds: Math.round((Date.now() - startedAt) / 1000),
      'read-model documents replayed': replay.documents,
      'cloudevents received': sink.received.length,
      ...requestFigures([teller, admin]),
      ...sampler.figures(),
      ...memoryFigures(memoryAtStart, cluster.memory()),
      ...tallyAnswers(outcomes),
    });
  }, scenarioTimeout(150_000, 900_000));
});
