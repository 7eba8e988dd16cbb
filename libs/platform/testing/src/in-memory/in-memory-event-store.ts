import { RevisionConflict, type EventStore, type ReadOptions, type StoredEvent, type StreamAppend, type StreamMetadata, type StreamMetadataChange, type StreamsAppended } from '@openbank/event-sourcing';

/**
 * The event store in memory, for specs that need no server: every append to several streams is
 * atomic, positions grow with every event, a stream that keeps only its newest events or is
 * truncated hides the older ones from stream reads (but not from `all()`, as $all keeps them until
 * a `scavenge()`). It passes the same contract spec as the KurrentDB store.
 */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly metadata = new Map<string, StreamMetadata>();
  private position = 0n;

  constructor(private readonly atomic = true) {}

  async *read(stream: string, { from, direction, maxCount }: ReadOptions): AsyncIterable<StoredEvent> {
    const events = this.visible(stream);
    const ordered =
      direction === 'forwards'
        ? events.filter((event) => from === 'start' || from === 'end' || event.revision >= from)
        : [...events].reverse().filter((event) => from === 'end' || from === 'start' || event.revision <= from);
    for (const event of ordered.slice(0, maxCount ?? ordered.length)) yield event;
  }

  async append(appends: readonly StreamAppend[]): Promise<StreamsAppended> {
    if (!this.atomic) return this.appendOneByOne(appends);
    for (const { stream, expected } of appends) this.assertAt(stream, expected);
    return this.write(appends);
  }

  async atomicAcrossStreams(): Promise<boolean> {
    return this.atomic;
  }

  async keepOnlyNewest(stream: string, count: number): Promise<void> {
    this.metadata.set(stream, { ...(await this.streamMetadata(stream)), maxCount: count });
  }

  async streamMetadata(stream: string): Promise<StreamMetadata> {
    return this.metadata.get(stream) ?? { custom: {} };
  }

  async changeStreamMetadata(stream: string, change: StreamMetadataChange): Promise<void> {
    const { truncateBefore, custom, ...rest } = await this.streamMetadata(stream);
    const nextCustom: Record<string, unknown> = { ...custom };
    for (const [name, value] of Object.entries(change.custom ?? {})) {
      if (value === null) delete nextCustom[name];
      else nextCustom[name] = structuredClone(value);
    }
    const nextTruncate = change.truncateBefore === undefined ? truncateBefore : (change.truncateBefore ?? undefined);
    this.metadata.set(stream, { ...rest, ...(nextTruncate !== undefined ? { truncateBefore: nextTruncate } : {}), custom: nextCustom });
  }

  /** What a scavenge does: events no stream read can return any more are gone, also from `all()` (the last of each stream stays). */
  scavenge(): void {
    for (const [stream, events] of this.streams) {
      const visible = new Set(this.visible(stream));
      this.streams.set(
        stream,
        events.map((event, index) => (visible.has(event) || index === events.length - 1 ? event : undefined)).filter((event): event is StoredEvent => event !== undefined),
      );
    }
  }

  /** Every event of every stream in the order they were written, as $all holds them. */
  all(): StoredEvent[] {
    return [...this.streams.values()].flat().sort((a, b) => (a.position!.commit < b.position!.commit ? -1 : 1));
  }

  private async appendOneByOne(appends: readonly StreamAppend[]): Promise<StreamsAppended> {
    const revisions: bigint[] = [];
    let position: StreamsAppended['position'];
    for (const single of appends) {
      this.assertAt(single.stream, single.expected);
      ({ position } = this.write([single]));
      revisions.push(this.revisionOf(single.stream));
    }
    return { revisions, position };
  }

  private write(appends: readonly StreamAppend[]): StreamsAppended {
    const created = new Date();
    for (const { stream, events } of appends) {
      const stored = this.streams.get(stream) ?? [];
      for (const event of events) {
        this.position += 1n;
        stored.push({ ...event, streamId: stream, revision: (stored.at(-1)?.revision ?? -1n) + 1n, position: { commit: this.position, prepare: this.position }, created });
      }
      this.streams.set(stream, stored);
    }
    return { revisions: appends.map(({ stream }) => this.revisionOf(stream)), position: { commit: this.position, prepare: this.position } };
  }

  private assertAt(stream: string, expected: StreamAppend['expected']): void {
    const current = this.revisionOf(stream);
    const at = expected === 'any' || (expected === 'no_stream' ? current === -1n : current === expected);
    if (!at) throw new RevisionConflict(stream, expected);
  }

  private revisionOf(stream: string): bigint {
    return this.streams.get(stream)?.at(-1)?.revision ?? -1n;
  }

  private visible(stream: string): StoredEvent[] {
    const events = this.streams.get(stream) ?? [];
    const { maxCount, truncateBefore } = this.metadata.get(stream) ?? { custom: {} };
    const newest = maxCount === undefined ? events : events.slice(Math.max(0, events.length - maxCount));
    return truncateBefore === undefined ? newest : newest.filter((event) => event.revision >= truncateBefore);
  }
}
