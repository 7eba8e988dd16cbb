import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AggregateDefinition, Clock, DomainEvent } from '@openbank/shared-kernel';
import { CLOCK } from '../injection-tokens.js';
import type { CommandContext, EventMetadata } from '../event-metadata.js';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';
import { UnexpectedAppendResult, isRevisionConflict } from '../kurrentdb/store-errors.js';
import { EVENT_SOURCING_METRICS, noEventSourcingMetrics, type EventSourcingMetrics } from '../observability/event-sourcing-metrics.js';
import { TRACE_CONTEXT_SOURCE, type TraceContextSource } from '../observability/trace-context.js';
import type { LogPosition, RecordedDomainEvent } from '../recorded-event.js';
import { PersonalDataProtection } from '../personal-data/personal-data-protection.js';
import { EventSerializer } from '../serialization/event-serializer.js';
import { SnapshotStore, crossesSnapshotBoundary, type SnapshotBound } from '../snapshots/snapshot-store.js';
import { EVENT_STORE, type EventStore, type StreamAppend } from '../store/event-store.port.js';
import { aggregateStreamName } from '../stream-names.js';
import { AggregateCache } from './aggregate-cache.js';
import { searchEarlierAttempt, type EarlierAttemptBound } from './earlier-attempt-search.js';
import { RecentOperations } from './recent-operations.js';

/** Revision of a stream that has no events yet. */
export const NO_REVISION = -1n;

export type { EarlierAttemptBound } from './earlier-attempt-search.js';

/** Events read from a stream's start before its snapshot is looked for: more than most streams hold. */
const firstReadEvents = 32;

/**
 * What is known of the operations before the first event folded: everything, from a stream's
 * first event; nothing before an event after a snapshot (or a truncated start) but what follows it.
 */
function recentBefore(start: { revision: bigint; recent?: RecentOperations } | undefined, first: RecordedDomainEvent | undefined): RecentOperations | undefined {
  if (start?.recent) return start.recent;
  if (!start && (!first || first.revision === 0n)) return RecentOperations.fromStart();
  return first?.position ? RecentOperations.from(first.position) : undefined;
}

async function* concat<T>(first: Iterable<T>, then: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* first;
  yield* then;
}

export interface LoadedAggregate<S> {
  readonly state: S;
  /** Revision of the last event folded into `state`; NO_REVISION when the stream has none. */
  readonly revision: bigint;
  /** Business time of that last event. */
  readonly lastOccurredAt?: string;
  /** True when the state came from the in-process cache rather than the store. */
  readonly fromCache: boolean;
  /** The operations behind the newest events, where this process has seen them. */
  readonly recent?: RecentOperations;
}

export interface AppendResult<S> {
  readonly state: S;
  readonly revision: bigint;
  readonly position?: LogPosition;
  readonly eventIds: readonly string[];
  readonly occurredAt: string;
}

/** Events one aggregate decided, to append after the revision it decided on. */
export interface PendingAppend<S = unknown, E extends DomainEvent = DomainEvent> {
  readonly definition: AggregateDefinition<S, E>;
  readonly id: string;
  readonly expected: LoadedAggregate<S>;
  readonly events: readonly E[];
}

/** A point in an aggregate's past: a revision, an instant, or both (whichever comes first). */
export interface PointInTime {
  readonly revision?: bigint;
  readonly at?: Date;
}

export interface LoadOptions {
  /**
   * false: read the store, never answer from the cache alone. A state this process holds is caught
   * up with the events after its revision; otherwise the newest snapshot and the events after it.
   */
  readonly useCache?: boolean;
  readonly atLeastRevision?: bigint;
}

/**
 * Loads aggregates from their streams (newest snapshot, then the events after it) and appends new
 * events with the exact expected revision, so two writers can never both extend the same revision.
 */
@Injectable()
export class EventSourcingRepository {
  private readonly logger = new Logger(EventSourcingRepository.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly serializer: EventSerializer,
    private readonly snapshots: SnapshotStore,
    private readonly cache: AggregateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
    @Optional() @Inject(EVENT_SOURCING_METRICS) private readonly metrics: EventSourcingMetrics = noEventSourcingMetrics,
    @Optional() @Inject(TRACE_CONTEXT_SOURCE) private readonly traceContext?: TraceContextSource,
    @Optional() private readonly protection: PersonalDataProtection = new PersonalDataProtection(),
  ) {}

  /** Loads the state (snapshot + tail, or the cache): `atLeastRevision` refuses a cached state older than an event the caller knows of. */
  async load<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    { useCache = true, atLeastRevision }: LoadOptions = {},
  ): Promise<LoadedAggregate<S>> {
    const stream = aggregateStreamName(definition.category, id);
    const known = this.cacheable(definition) ? this.cache.startingPoint(stream) : undefined;
    if (useCache && this.cacheable(definition)) {
      const current = this.cache.get(stream);
      // A subscriber can hear of an event before the append that wrote it has updated the cache.
      const cached = current && (atLeastRevision === undefined || current.revision >= atLeastRevision) ? current : undefined;
      this.metrics.cacheLookup(definition.type, cached !== undefined);
      if (cached) return { state: cached.state as S, revision: cached.revision, lastOccurredAt: cached.lastOccurredAt, recent: cached.recent, fromCache: true };
    }

    const started = performance.now();
    // A state this process holds was the stream's at its revision: the events after it are all a
    // fresh load needs (after a conflict with another instance, a few), not a snapshot and its tail.
    const { snapshotUsed, ...loaded } = known
      ? { snapshotUsed: false, ...(await this.fold(definition, id, { state: known.state as S, revision: known.revision, occurredAt: known.lastOccurredAt, recent: known.recent }, {})) }
      : await this.foldFromStore(definition, id);
    this.metrics.aggregateLoaded(definition.type, snapshotUsed, (performance.now() - started) / 1000);
    if (this.cacheable(definition)) this.cache.set(stream, loaded);
    return { ...loaded, fromCache: false };
  }

  /**
   * Reads the stream's first events before anything else: most streams are short (a transfer, a
   * new aggregate), and one read then holds all of them, with no snapshot to look for. A longer
   * stream, or one whose oldest events are gone, starts from its newest snapshot when that is
   * further on than what was read.
   */
  private async foldFromStore<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string): Promise<Omit<LoadedAggregate<S>, 'fromCache'> & { snapshotUsed: boolean }> {
    const head: RecordedDomainEvent<E>[] = [];
    for await (const recorded of this.readEvents<E>(aggregateStreamName(definition.category, id), NO_REVISION, firstReadEvents)) head.push(recorded);
    const whole = head.length < firstReadEvents && (head.length === 0 || head[0].revision === 0n);
    const snapshot = whole ? undefined : await this.snapshots.latest(definition, id);
    if (snapshot && (head.length === 0 || head[0].revision > 0n || snapshot.revision > head.at(-1)!.revision)) {
      return { snapshotUsed: true, ...(await this.fold(definition, id, snapshot, {})) };
    }
    return { snapshotUsed: false, ...(await this.fold(definition, id, undefined, {}, { head, readOn: !whole })) };
  }

  /** The aggregate as it was at a past revision or instant; a snapshot is used only if it is not later. */
  async loadAt<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, point: PointInTime): Promise<LoadedAggregate<S>> {
    const bound: SnapshotBound = { maxRevision: point.revision, notAfter: point.at };
    const loaded = await this.fold(definition, id, await this.snapshots.latest(definition, id, bound), point);
    return { ...loaded, fromCache: false };
  }

  /**
   * Writes a snapshot of the aggregate as it was right after `revision`, so that loading it never
   * needs the events up to that revision again: what is done before a stream is truncated there.
   * Resolves with the state it snapshotted.
   */
  async snapshotAt<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, revision: bigint): Promise<LoadedAggregate<S>> {
    const loaded = await this.loadAt(definition, id, { revision });
    if (loaded.revision !== revision || loaded.lastOccurredAt === undefined) {
      throw new Error(`${aggregateStreamName(definition.category, id)} has no event at revision ${revision} to snapshot`);
    }
    await this.snapshots.save(definition, id, { state: loaded.state, revision, occurredAt: loaded.lastOccurredAt });
    return loaded;
  }

  /** The events of the aggregate's stream, oldest first, from the start or after a revision. */
  async *history<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    { after = NO_REVISION }: { after?: bigint } = {},
  ): AsyncGenerator<RecordedDomainEvent<E>> {
    yield* this.readEvents<E>(aggregateStreamName(definition.category, id), after);
  }

  async append<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    expected: LoadedAggregate<S>,
    events: readonly E[],
    context: CommandContext,
    at: Date = this.clock.now(),
  ): Promise<AppendResult<S>> {
    const [appended] = await this.appendAll([{ definition, id, expected, events }], context, at);
    return appended as AppendResult<S>;
  }

  /**
   * Appends what several aggregates decided together: in one atomic write where the store offers
   * it, otherwise one stream after another in the order given. Results come in that order.
   */
  async appendAll(pending: readonly PendingAppend<any, any>[], context: CommandContext, at: Date = this.clock.now()): Promise<AppendResult<unknown>[]> {
    const occurredAt = at.toISOString();
    const streams = pending.map(({ definition, id }) => aggregateStreamName(definition.category, id));
    // Every event gets an id of its own: the store then never takes one append for a repeat of
    // another and answers "written" without writing (retries are recognised by operationId).
    const eventIds = pending.map(({ events }) => events.map(() => randomUUID()));
    // Personal fields are sealed under their subject's key before anything is written.
    const appends = await Promise.all(
      pending.map(async ({ definition, id, expected, events }, index): Promise<StreamAppend> => {
        const metadata = this.metadataFor(definition.type, id, occurredAt, context);
        return {
          stream: streams[index],
          expected: expected.revision === NO_REVISION ? 'no_stream' : expected.revision,
          events: await Promise.all(events.map((event: DomainEvent, at: number) => this.serializer.seal(event, metadata, eventIds[index][at], streams[index]))),
        };
      }),
    );
    try {
      const written = await this.store.append(appends);
      const snapshots: Promise<void>[] = [];
      const results = pending.map(({ definition, id, expected, events }, index) => {
        // With exact expected revisions a write lands right after `expected`; anything else means the
        // stream does not hold what this process thinks, and its state must not be cached.
        const revision = expected.revision + BigInt(events.length);
        if (written.revisions[index] !== revision) throw new UnexpectedAppendResult(streams[index], revision, written.revisions[index]);
        const state = events.reduce((current, event) => definition.evolve(current, event), expected.state);
        const recent = expected.recent?.followedBy(events.map(() => ({ position: written.position, operationId: context.operationId })));
        if (this.cacheable(definition)) this.cache.set(streams[index], { state, revision, lastOccurredAt: occurredAt, recent });
        snapshots.push(this.snapshotIfDue(definition, id, expected.revision, { state, revision, occurredAt }));
        return { state, revision, position: written.position, eventIds: eventIds[index], occurredAt };
      });
      await Promise.all(snapshots);
      return results;
    } catch (error) {
      // A conflict only says a stream moved on: what is cached is still its state at its revision,
      // where the next load catches up from. After any other failure the outcome is unknown.
      for (const stream of streams) {
        if (isRevisionConflict(error)) this.cache.markBehind(stream);
        else this.cache.forget(stream);
      }
      throw error;
    }
  }

  /** Whether several aggregates can be written in one atomic append (the store tells). */
  appendsAtomicallyAcrossStreams(): Promise<boolean> {
    return this.store.atomicAcrossStreams();
  }

  /**
   * The events an earlier attempt of `operationId` recorded, searching the stream backwards down
   * to its bound (see earlier-attempt-search.ts). Empty when there are none.
   */
  async recordedUnder<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, operationId: string, bound: EarlierAttemptBound): Promise<RecordedDomainEvent<E>[]> {
    const found = await searchEarlierAttempt(this.store, aggregateStreamName(definition.category, id), operationId, bound);
    const decoded = await Promise.all(found.map((stored) => this.serializer.decode(stored)));
    return decoded.filter((recorded) => recorded !== undefined) as RecordedDomainEvent<E>[];
  }

  /**
   * States holding personal data are never cached: another process may forget the person, and a
   * cached state would go on showing their data here.
   */
  private cacheable(definition: AggregateDefinition<any, any>): boolean {
    return !this.protection.protects(definition.type);
  }

  forgetCached<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string): void {
    this.cache.forget(aggregateStreamName(definition.category, id));
  }

  private metadataFor(aggregateType: string, aggregateId: string, occurredAt: string, context: CommandContext): EventMetadata {
    return {
      correlationId: context.correlationId,
      causationId: context.causationId,
      aggregateType,
      aggregateId,
      occurredAt,
      principal: context.principal.id,
      ...(context.operationId ? { operationId: context.operationId } : {}),
      ...this.traceContext?.current(),
    };
  }

  private async fold<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    start: { state: S; revision: bigint; occurredAt?: string; recent?: RecentOperations } | undefined,
    point: PointInTime,
    { head = [], readOn = true }: { head?: readonly RecordedDomainEvent<E>[]; readOn?: boolean } = {},
  ): Promise<Omit<LoadedAggregate<S>, 'fromCache'>> {
    let state = start?.state ?? definition.initialState(id);
    let revision = start?.revision ?? NO_REVISION;
    let lastOccurredAt = start?.occurredAt;
    // Only a current state is cached and appended to: a state in the past needs no memory of operations.
    const current = point.revision === undefined && point.at === undefined;
    const folded: RecordedDomainEvent<E>[] = [];
    const rest = readOn ? this.readEvents<E>(aggregateStreamName(definition.category, id), head.at(-1)?.revision ?? revision) : [];
    for await (const recorded of concat(head, rest)) {
      if (point.revision !== undefined && recorded.revision > point.revision) break;
      if (point.at && new Date(recorded.metadata.occurredAt) > point.at) break;
      state = definition.evolve(state, recorded.event);
      revision = recorded.revision;
      lastOccurredAt = recorded.metadata.occurredAt;
      if (current) folded.push(recorded);
    }
    const recent = current ? recentBefore(start, folded[0])?.followedBy(folded.map(({ position, metadata }) => ({ position, operationId: metadata.operationId }))) : undefined;
    return { state, revision, lastOccurredAt, recent };
  }

  private async *readEvents<E extends DomainEvent>(stream: string, after: bigint, maxCount?: number): AsyncGenerator<RecordedDomainEvent<E>> {
    for await (const stored of this.store.read(stream, { from: after === NO_REVISION ? 'start' : after + 1n, direction: 'forwards', maxCount })) {
      const recorded = await this.serializer.decode(stored);
      if (recorded) yield recorded as RecordedDomainEvent<E>;
    }
  }

  /** A snapshot only saves work for later loads: failing to write one must not fail the command. */
  private async snapshotIfDue<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string, before: bigint, after: { state: S; revision: bigint; occurredAt: string }): Promise<void> {
    if (!crossesSnapshotBoundary(before, after.revision, this.options.snapshotEvery)) return;
    await this.snapshots.save(definition, id, after).catch((error: unknown) => {
      this.logger.warn({ msg: 'snapshot not written', aggregateType: definition.type, aggregateId: id, error: String(error) });
    });
  }
}
