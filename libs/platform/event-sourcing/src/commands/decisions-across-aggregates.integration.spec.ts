import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, startEventSourcing, startTestKurrentDB, testContext, type EventSourcingHarness } from '@openbank/testing';
import { Counter, CounterIncrementedV1, CounterLimitReached, increment, type CounterState } from '../../test/counter.aggregate.js';
import type { EventStore } from '../store/event-store.port.js';
import type { Decision } from './aggregate-command-runner.js';

/** Moves `by` from one counter (the main aggregate of the command) to another, never taking it below zero. */
const move =
  (by: number, to: string): Decision<CounterState, CounterIncrementedV1> =>
  async (state, _now, _revision, others) => {
    if (state.total < by) throw new CounterLimitReached(`${state.total} is less than ${by}`);
    const target = await others.load(Counter, to);
    others.record(Counter, to, increment(by)(target));
    return [new CounterIncrementedV1({ by: -by })];
  };

const cases: [string, () => Promise<{ store: string | EventStore; stop(): Promise<void> }>][] = [
  ['on KurrentDB, atomically', async () => startTestKurrentDB().then((server) => ({ store: server.address, stop: () => server.stop() }))],
  ['in memory, atomically', async () => ({ store: new InMemoryEventStore(true), stop: async () => undefined })],
  ['in memory, one stream after another', async () => ({ store: new InMemoryEventStore(false), stop: async () => undefined })],
];

describe.each(cases)('a decision across aggregates %s', (_name, start) => {
  let started: { store: string | EventStore; stop(): Promise<void> };
  let harness: EventSourcingHarness;
  let other: EventSourcingHarness;

  beforeAll(async () => {
    started = await start();
    harness = await startEventSourcing(started.store, [Counter]);
    other = await startEventSourcing(started.store, [Counter]);
  });

  afterAll(async () => {
    await harness?.close();
    await other?.close();
    await started?.stop();
  });

  const funded = async (amount: number) => {
    const id = randomUUID();
    await harness.runner.execute(Counter, id, testContext, increment(amount));
    return id;
  };
  const total = async (id: string) => (await harness.repository.load(Counter, id, { useCache: false })).state.total;

  it('appends what it recorded on the other aggregate with its own events, and answers with its own', async () => {
    const [from, to] = [await funded(10), randomUUID()];
    const outcome = await harness.runner.execute(Counter, from, testContext, move(4, to));
    expect(outcome).toMatchObject({ revision: 1n, state: { total: 6 }, events: [new CounterIncrementedV1({ by: -4 })] });
    expect([await total(from), await total(to)]).toEqual([6, 4]);
    expect((await harness.repository.load(Counter, to)).fromCache).toBe(true);
  });

  it('decides again on fresh state when the other aggregate changed meanwhile, so nothing is lost', async () => {
    const [from, to] = [await funded(10), await funded(1)];
    await harness.repository.load(Counter, to);
    // Another instance changes the target after this one cached it.
    await other.runner.execute(Counter, to, testContext, increment(100));
    await harness.runner.execute(Counter, from, testContext, move(3, to));
    expect([await total(from), await total(to)]).toEqual([7, 104]);
  });

  it('checks a refusal decided on cached state again on fresh state', async () => {
    const [from, to] = [await funded(1), randomUUID()];
    await harness.repository.load(Counter, from);
    await other.runner.execute(Counter, from, testContext, increment(50));
    await harness.runner.execute(Counter, from, testContext, move(20, to));
    expect([await total(from), await total(to)]).toEqual([31, 20]);
  });

  it('recognises its own earlier attempt by the operation on the main aggregate, and records nothing twice', async () => {
    const [from, to] = [await funded(10), randomUUID()];
    const context = { ...testContext, operationId: `move-${from}` };
    const first = await harness.runner.execute(Counter, from, context, move(2, to));
    const again = await other.runner.execute(Counter, from, { ...context, earlierAttemptSince: new Date(0).toISOString() }, move(2, to));
    expect(again).toMatchObject({ revision: first.revision, eventIds: first.eventIds });
    expect([await total(from), await total(to)]).toEqual([8, 2]);
  });

  describe('moves into one aggregate made side by side in one process, with no retry after a conflict', () => {
    let impatient: EventSourcingHarness;

    afterEach(async () => {
      await impatient?.close();
    });

    const sideBySide = async (alsoWrites: boolean) => {
      impatient = await startEventSourcing(started.store, [Counter], { conflictRetries: 0 });
      const to = await funded(0);
      await impatient.repository.load(Counter, to);
      const sources = await Promise.all(Array.from({ length: 8 }, () => funded(5)));
      const moves = await Promise.allSettled(
        sources.map((from) => impatient.runner.execute(Counter, from, testContext, move(1, to), alsoWrites ? { alsoWrites: [{ definition: Counter, id: to }] } : {})),
      );
      return { refused: moves.filter((move) => move.status === 'rejected').length, total: await total(to) };
    };

    it('race into conflicts when nothing says they write the same aggregate', async () => {
      const { refused, total: moved } = await sideBySide(false);
      expect(refused).toBeGreaterThan(0);
      expect(moved).toBe(8 - refused);
    });

    it('wait for each other when the other aggregate is named, and all land', async () => {
      expect(await sideBySide(true)).toEqual({ refused: 0, total: 8 });
    });
  });
});
