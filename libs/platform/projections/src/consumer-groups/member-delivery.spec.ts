import type { Logger } from '@nestjs/common';
import { EventStoreUnavailable, RevisionConflict, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { domainEvent } from '@openbank/shared-kernel';
import type { ParkedEventStore } from '../parking/parked-event.store.js';
import { backoffDelay, defaultReadSideSettings, type ReadSideSettings } from '../read-side.settings.js';
import { ReadStoreUnavailable } from '../read-store-errors.js';
import { unscopedEventHandling } from '../subscribers/event-handling-scope.js';
import type { AnySubscriber, SubscriberKind } from '../subscribers/event-subscriber.js';
import type { GroupMember } from './consumer-group.js';
import { ConsumerStopping, deliverBatch, deliverOne, type DeliveryContext } from './member-delivery.js';

class NotedV1 extends domainEvent('NotedV1')<{ n: number }>() {}

const recordOf = (n: number): RecordedDomainEvent =>
  ({
    event: new NotedV1({ n }),
    eventId: `event-${n}`,
    streamId: `note-${n}`,
    revision: 0n,
    metadata: { correlationId: 'c', causationId: 'c', aggregateType: 'Note', aggregateId: `${n}`, occurredAt: '2026-01-01T00:00:00.000Z', principal: 'tester' },
    storedType: 'NotedV1',
  }) as RecordedDomainEvent;

interface Parked {
  readonly eventId: string;
  readonly error: unknown;
  readonly attempts: number;
}

/** A delivery context whose parked list is an array, whose log is kept, whose waits are tiny. */
function contextWith(settings: Partial<ReadSideSettings> = {}) {
  const parked: Parked[] = [];
  const warnings: Record<string, unknown>[] = [];
  const stopping = new AbortController();
  const context: DeliveryContext = {
    settings: { ...defaultReadSideSettings, initialBackoffMs: 1, maxBackoffMs: 4, ...settings },
    parked: { park: async (_subscription: string, record: RecordedDomainEvent, error: unknown, attempts: number) => void parked.push({ eventId: record.eventId, error, attempts }) } as unknown as ParkedEventStore,
    scope: unscopedEventHandling,
    logger: { warn: (entry: Record<string, unknown>) => warnings.push(entry), error: () => undefined } as unknown as Logger,
    stopping: stopping.signal,
  };
  return { context, parked, warnings, stop: () => stopping.abort() };
}

const memberOf = (instance: AnySubscriber, kind: SubscriberKind = 'process'): GroupMember => ({ metadata: { name: `a-${kind}`, kind, events: [NotedV1] }, instance, storedTypes: new Set(['NotedV1']) });

/** A subscriber failing with the given errors, one per attempt, then succeeding; it counts its attempts per event. */
function failingWith(...errors: unknown[]) {
  const attempts = new Map<string, number>();
  const handled: string[] = [];
  const stale: string[] = [];
  const attempt = async (record: RecordedDomainEvent) => {
    const made = (attempts.get(record.eventId) ?? 0) + 1;
    attempts.set(record.eventId, made);
    if (made <= errors.length) throw errors[made - 1];
    handled.push(record.eventId);
  };
  const subscriber = { handle: attempt, onParked: async (record: RecordedDomainEvent) => void stale.push(record.eventId) };
  return { subscriber, attempts, handled, stale };
}

describe('delivering an event to a process, a sink or a projection', () => {
  it.each([
    ['process', new TypeError("Cannot read properties of undefined (reading 'amount')")],
    ['sink', Object.assign(new Error('http://sink/events answered 422'), { name: 'CloudEventRefused' })],
  ] as const)('parks an event of a %s at its first permanent failure, without retrying it, and tells the subscriber', async (kind, poison) => {
    const { context, parked, warnings } = contextWith();
    const { subscriber, attempts, stale } = failingWith(poison);
    await deliverOne(memberOf(subscriber, kind), recordOf(1), context);
    expect(attempts.get('event-1')).toBe(1);
    expect(parked).toEqual([{ eventId: 'event-1', error: poison, attempts: 1 }]);
    expect(stale).toEqual(['event-1']);
    expect(warnings).toEqual([]);
  });

  it('retries a temporary failure (a concurrency conflict) with backoff for as long as it lasts, and parks nothing', async () => {
    const { context, parked, warnings } = contextWith();
    const conflicts = Array.from({ length: 12 }, () => new RevisionConflict('transfer-1', 3n));
    const { subscriber, attempts, handled } = failingWith(...conflicts);
    await deliverOne(memberOf(subscriber), recordOf(1), context);
    expect(attempts.get('event-1')).toBe(13);
    expect(handled).toEqual(['event-1']);
    expect(parked).toEqual([]);
    expect(warnings).toHaveLength(12);
    expect(warnings[0]).toMatchObject({ msg: 'temporary failure; retrying', subscription: 'a-process', eventId: 'event-1', attempt: 1 });
  });

  it('parks a temporary failure that outlasts READ_SIDE_MAX_RETRIES when a limit is set', async () => {
    const { context, parked } = contextWith({ maxRetries: 3 });
    const conflicts = Array.from({ length: 10 }, () => new RevisionConflict('transfer-1', 3n));
    const { subscriber, attempts, handled } = failingWith(...conflicts);
    await deliverOne(memberOf(subscriber), recordOf(1), context);
    expect(attempts.get('event-1')).toBe(4);
    expect(handled).toEqual([]);
    expect(parked).toMatchObject([{ eventId: 'event-1', attempts: 4 }]);
  });

  it('waits out a store outage without counting it against the retries, however long it lasts', async () => {
    const { context, parked, warnings } = contextWith({ maxRetries: 1 });
    const outage = Array.from({ length: 8 }, (_, index) => (index % 2 ? new ReadStoreUnavailable(new Error('gone')) : new EventStoreUnavailable(new Error('gone'))));
    const { subscriber, handled } = failingWith(...outage, new RevisionConflict('transfer-1', 3n));
    await deliverOne(memberOf(subscriber), recordOf(1), context);
    expect(handled).toEqual(['event-1']);
    expect(parked).toEqual([]);
    expect(warnings.filter((entry) => entry.msg === 'store unavailable; waiting')).toHaveLength(8);
  });

  it('parks a permanent failure that follows temporary ones at once', async () => {
    const { context, parked } = contextWith();
    const { subscriber } = failingWith(new EventStoreUnavailable(new Error('gone')), new RevisionConflict('transfer-1', 3n), new Error('a bug'));
    await deliverOne(memberOf(subscriber), recordOf(1), context);
    expect(parked).toMatchObject([{ eventId: 'event-1', error: new Error('a bug'), attempts: 3 }]);
  });

  it('stops waiting when the consumer stops: nothing parked, nothing acknowledged', async () => {
    const { context, parked, stop } = contextWith({ initialBackoffMs: 60_000, maxBackoffMs: 60_000 });
    const { subscriber } = failingWith(new RevisionConflict('transfer-1', 3n));
    const delivery = deliverOne(memberOf(subscriber), recordOf(1), context);
    setTimeout(stop, 10);
    await expect(delivery).rejects.toBeInstanceOf(ConsumerStopping);
    expect(parked).toEqual([]);
  });

  describe('a batch of a projection', () => {
    /** A projection whose batches fail while `poisoned` is among them; alone, only the poisoned event fails. */
    function projectionPoisonedBy(poisoned: string, failure: () => unknown = () => new Error('cannot project it')) {
      const calls: string[][] = [];
      const applied: string[] = [];
      const projection = {
        project: async (batch: readonly RecordedDomainEvent[]) => {
          calls.push(batch.map((record) => record.eventId));
          if (batch.some((record) => record.eventId === poisoned)) throw failure();
          applied.push(...batch.map((record) => record.eventId));
        },
      };
      return { projection, calls, applied };
    }

    it('applies it event by event after a permanent failure, so that only the event at fault is parked', async () => {
      const { context, parked } = contextWith();
      const { projection, calls, applied } = projectionPoisonedBy('event-2');
      await deliverBatch(memberOf(projection, 'projection'), [1, 2, 3].map(recordOf), context);
      expect(calls).toEqual([['event-1', 'event-2', 'event-3'], ['event-1'], ['event-2'], ['event-3']]);
      expect(applied).toEqual(['event-1', 'event-3']);
      expect(parked).toMatchObject([{ eventId: 'event-2', attempts: 1 }]);
    });

    it('parks the one event of a batch of one at its first permanent failure', async () => {
      const { context, parked } = contextWith();
      const { projection, calls } = projectionPoisonedBy('event-1');
      await deliverBatch(memberOf(projection, 'projection'), [recordOf(1)], context);
      expect(calls).toEqual([['event-1']]);
      expect(parked).toMatchObject([{ eventId: 'event-1', attempts: 1 }]);
    });

    it('retries the whole batch through an outage, then applies it in one call', async () => {
      const { context, parked } = contextWith();
      let failures = 6;
      const calls: number[] = [];
      const projection = {
        project: async (batch: readonly RecordedDomainEvent[]) => {
          calls.push(batch.length);
          if (failures-- > 0) throw new ReadStoreUnavailable(new Error('gone'));
        },
      };
      await deliverBatch(memberOf(projection, 'projection'), [1, 2, 3].map(recordOf), context);
      expect(calls).toEqual([3, 3, 3, 3, 3, 3, 3]);
      expect(parked).toEqual([]);
    });
  });

  it('waits twice as long after each failure, from the initial backoff up to the cap', () => {
    const settings = { initialBackoffMs: 50, maxBackoffMs: 2000 };
    expect([1, 2, 3, 4, 5, 6, 7, 100, 10_000].map((attempt) => backoffDelay(settings, attempt))).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });
});
