import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, startEventSourcing, testContext, type EventSourcingHarness } from '@openbank/testing';
import { Counter, increment } from '../../test/counter.aggregate.js';
import type { ReadOptions, StoredEvent } from '../store/event-store.port.js';
import { aggregateStreamName } from '../stream-names.js';

/** The in-memory store, counting the backwards reads (searches for an earlier attempt) of each stream. */
class SearchCountingStore extends InMemoryEventStore {
  readonly searches = new Map<string, number>();

  override read(stream: string, options: ReadOptions): AsyncIterable<StoredEvent> {
    if (options.direction === 'backwards') this.searches.set(stream, (this.searches.get(stream) ?? 0) + 1);
    return super.read(stream, options);
  }
}

describe('a process step looking for its earlier attempt, on the in-memory store', () => {
  let store: SearchCountingStore;
  let harness: EventSourcingHarness;

  beforeEach(async () => {
    store = new SearchCountingStore();
    harness = await startEventSourcing(store, [Counter], { aggregateCacheSize: 100 });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('reads nothing when the state it holds reaches back past its trigger and names no such step', async () => {
    const id = randomUUID();
    await harness.runner.execute(Counter, id, testContext, increment(1));
    const trigger = await harness.runner.execute(Counter, randomUUID(), testContext, increment(1));
    await harness.runner.execute(Counter, id, { ...testContext, operationId: 'step-a', earlierAttemptAfter: trigger.position }, increment(2));
    expect(store.searches.get(aggregateStreamName('counter', id)) ?? 0).toBe(0);
  });

  it('searches the stream when the state it holds names the step after its trigger', async () => {
    const id = randomUUID();
    const trigger = await harness.runner.execute(Counter, randomUUID(), testContext, increment(1));
    const context = { ...testContext, operationId: 'step-b', earlierAttemptAfter: trigger.position };
    const first = await harness.runner.execute(Counter, id, context, increment(2));
    const again = await harness.runner.execute(Counter, id, context, increment(2));
    expect(again.eventIds).toEqual(first.eventIds);
    expect(store.searches.get(aggregateStreamName('counter', id))).toBeGreaterThan(0);
  });
});
