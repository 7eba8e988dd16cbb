import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AggregateDefinition, DomainEvent } from '@openbank/shared-kernel';
import { LRUCache } from 'lru-cache';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';
import { PersonalDataProtection } from '../personal-data/personal-data-protection.js';
import { EVENT_STORE, type EventStore } from '../store/event-store.port.js';
import { snapshotStreamName } from '../stream-names.js';

/** What a snapshot event holds. Revisions travel as strings because JSON has no 64-bit integers. */
interface SnapshotData {
  readonly aggregateType: string;
  readonly schemaVersion: number;
  readonly revision: string;
  /** Business time of the last event folded into the snapshot, so time travel can tell if it may use it. */
  readonly occurredAt: string;
  readonly state: unknown;
  /** Set when `state` is sealed under this subject's key (an aggregate holding personal data). */
  readonly sealedFor?: string;
}

export interface Snapshot<TState> {
  readonly state: TState;
  readonly revision: bigint;
  readonly occurredAt: string;
}

/** Bounds for time travel: the snapshot must not be later than the point looked at. */
export interface SnapshotBound {
  readonly maxRevision?: bigint;
  readonly notAfter?: Date;
}

/** How many snapshot streams a process remembers having set the retention of. */
const rememberedStreams = 50_000;

/**
 * Snapshots are ordinary events in a stream of their own per aggregate (`snapshot-<category>-<id>`).
 * The newest serves ordinary loads, older ones serve time travel. With `maxSnapshots`, the stream
 * keeps only that many of the newest (its `$maxCount`); a point in time older than the oldest kept
 * snapshot finds none and is replayed from the start of the aggregate's stream.
 */
@Injectable()
export class SnapshotStore {
  private readonly logger = new Logger(SnapshotStore.name);
  /** Snapshot streams whose retention this process has set (or found right) since it started. */
  private readonly retained = new LRUCache<string, true>({ max: rememberedStreams });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(EVENT_SOURCING_OPTIONS) private readonly options: Pick<EventSourcingOptions, 'maxSnapshots'> = {},
    @Optional() private readonly protection: PersonalDataProtection = new PersonalDataProtection(),
  ) {}

  async save<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    snapshot: Snapshot<S>,
  ): Promise<void> {
    const stream = snapshotStreamName(definition.category, id);
    const state = await this.sealedIfPersonal(definition.type, id, stream, definition.snapshot.encode(snapshot.state));
    // The subject is forgotten: their aggregate is replayed from its events from now on.
    if (state === undefined) return;
    const data: SnapshotData = {
      aggregateType: definition.type,
      schemaVersion: definition.snapshot.schemaVersion,
      revision: snapshot.revision.toString(),
      occurredAt: snapshot.occurredAt,
      ...state,
    };
    // Two instances may write the same snapshot: harmless, so no expected revision is asked for.
    await this.store.append([{ stream, expected: 'any', events: [{ id: randomUUID(), type: `${definition.type}Snapshot`, data, metadata: {} }] }]);
    await this.retain(stream);
  }

  /**
   * Has the store keep only the newest `maxSnapshots` of the stream. Done with the first snapshot
   * this process writes to a stream (the stream's first ever, or its first since the process
   * started: a changed setting reaches each stream with its next snapshot), not with every one.
   * A failure is logged and tried again with the next snapshot: it never fails the command.
   */
  private async retain(stream: string): Promise<void> {
    const count = this.options.maxSnapshots;
    if (!count || this.retained.has(stream)) return;
    try {
      await this.store.keepOnlyNewest(stream, count);
      this.retained.set(stream, true);
    } catch (error) {
      this.logger.warn({ msg: 'snapshot retention not set; tried again with the next snapshot', stream, maxSnapshots: count, error: String(error) });
    }
  }

  /**
   * The newest usable snapshot within the bound. A snapshot of another schema version is never
   * decoded: the caller then replays the stream from the start.
   */
  async latest<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    bound: SnapshotBound = {},
  ): Promise<Snapshot<S> | undefined> {
    const unbounded = bound.maxRevision === undefined && bound.notAfter === undefined;
    const stream = snapshotStreamName(definition.category, id);
    const reads = this.store.read(stream, { from: 'end', direction: 'backwards', maxCount: unbounded ? 1 : undefined });
    for await (const { data: stored } of reads) {
      const data = stored as SnapshotData | undefined;
      if (!data || data.schemaVersion !== definition.snapshot.schemaVersion) return undefined;
      if (bound.maxRevision !== undefined && BigInt(data.revision) > bound.maxRevision) continue;
      if (bound.notAfter && new Date(data.occurredAt) > bound.notAfter) continue;
      const state = data.sealedFor === undefined ? data.state : await this.protection.openSnapshot(data.sealedFor, stream, data.state as string);
      // A snapshot of a forgotten subject cannot be opened any more: replay the events instead.
      if (state === undefined) return undefined;
      return { state: definition.snapshot.decode(state), revision: BigInt(data.revision), occurredAt: data.occurredAt };
    }
    return undefined;
  }

  /** The encoded state as a snapshot stores it: sealed whole for an aggregate holding personal data, undefined when its subject is forgotten. */
  private async sealedIfPersonal(aggregateType: string, id: string, stream: string, encoded: unknown): Promise<Pick<SnapshotData, 'state' | 'sealedFor'> | undefined> {
    if (!this.protection.protects(aggregateType)) return { state: encoded };
    const sealed = await this.protection.sealSnapshot(id, stream, encoded);
    return sealed === undefined ? undefined : { state: sealed, sealedFor: id };
  }
}

/** True when going from `before` to `after` crosses a multiple of `every`. */
export function crossesSnapshotBoundary(before: bigint, after: bigint, every: number): boolean {
  if (every <= 0) return false;
  const step = BigInt(every);
  return (after + 1n) / step > (before + 1n) / step;
}
