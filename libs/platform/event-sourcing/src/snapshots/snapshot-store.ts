import { Inject, Injectable } from '@nestjs/common';
import { BACKWARDS, END, KurrentDBClient, jsonEvent, type JSONType } from '@kurrent/kurrentdb-client';
import type { AggregateDefinition, DomainEvent } from '@openbank/shared-kernel';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';
import { isStreamNotFound, translatingOutages } from '../kurrentdb/store-errors.js';
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
  constructor(
    private readonly client: KurrentDBClient,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
  ) {}

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
    await translatingOutages(() =>
      this.client.appendToStream(
        snapshotStreamName(definition.category, id),
        jsonEvent({ type: `${definition.type}Snapshot`, data: data as unknown as JSONType }),
        { deadline: this.options.operationDeadlineMs },
      ),
    );
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
    try {
      return await translatingOutages(async () => {
        const reads = this.client.readStream(snapshotStreamName(definition.category, id), {
          direction: BACKWARDS,
          fromRevision: END,
          maxCount: unbounded ? 1 : undefined,
          deadline: this.options.operationDeadlineMs,
        });
        for await (const { event } of reads) {
          const data = event?.data as SnapshotData | undefined;
          if (!data || data.schemaVersion !== definition.snapshot.schemaVersion) return undefined;
          if (bound.maxRevision !== undefined && BigInt(data.revision) > bound.maxRevision) continue;
          if (bound.notAfter && new Date(data.occurredAt) > bound.notAfter) continue;
          return { state: definition.snapshot.decode(data.state), revision: BigInt(data.revision), occurredAt: data.occurredAt };
        }
        return undefined;
      });
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
  }
}

/** True when going from `before` to `after` crosses a multiple of `every`. */
export function crossesSnapshotBoundary(before: bigint, after: bigint, every: number): boolean {
  if (every <= 0) return false;
  const step = BigInt(every);
  return (after + 1n) / step > (before + 1n) / step;
}
