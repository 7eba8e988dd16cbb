import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AggregateDefinition, DomainEvent } from '@openbank/shared-kernel';
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

/**
 * Snapshots are ordinary events in a stream of their own per aggregate (`snapshot-<category>-<id>`).
 * All of them are kept: the newest serves ordinary loads, older ones serve time travel.
 */
@Injectable()
export class SnapshotStore {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async save<S, E extends DomainEvent>(
    definition: AggregateDefinition<S, E>,
    id: string,
    snapshot: Snapshot<S>,
  ): Promise<void> {
    const data: SnapshotData = {
      aggregateType: definition.type,
      schemaVersion: definition.snapshot.schemaVersion,
      revision: snapshot.revision.toString(),
      occurredAt: snapshot.occurredAt,
      state: definition.snapshot.encode(snapshot.state),
    };
    // Two instances may write the same snapshot: harmless, so no expected revision is asked for.
    await this.store.append([{ stream: snapshotStreamName(definition.category, id), expected: 'any', events: [{ id: randomUUID(), type: `${definition.type}Snapshot`, data, metadata: {} }] }]);
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
    const reads = this.store.read(snapshotStreamName(definition.category, id), { from: 'end', direction: 'backwards', maxCount: unbounded ? 1 : undefined });
    for await (const { data: stored } of reads) {
      const data = stored as SnapshotData | undefined;
      if (!data || data.schemaVersion !== definition.snapshot.schemaVersion) return undefined;
      if (bound.maxRevision !== undefined && BigInt(data.revision) > bound.maxRevision) continue;
      if (bound.notAfter && new Date(data.occurredAt) > bound.notAfter) continue;
      return { state: definition.snapshot.decode(data.state), revision: BigInt(data.revision), occurredAt: data.occurredAt };
    }
    return undefined;
  }
}

/** True when going from `before` to `after` crosses a multiple of `every`. */
export function crossesSnapshotBoundary(before: bigint, after: bigint, every: number): boolean {
  if (every <= 0) return false;
  const step = BigInt(every);
  return (after + 1n) / step > (before + 1n) / step;
}
