import { RevisionConflict, type EventStore, type ReadOptions, type StoredEvent, type StreamAppend, type StreamsAppended } from '@openbank/event-sourcing';

/**
 * The event store in memory, for specs that need no server: every append to several streams is
 * atomic, positions grow with every event, a stream that keeps only its newest events hides the
 * older ones. It passes the same contract spec as the KurrentDB store.
 */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly newestOnly = new Map<string, number>();
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
    this.newestOnly.set(stream, count);
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
        stored.push({ ...event, streamId: stream, revision: BigInt(stored.length), position: { commit: this.position, prepare: this.position }, created });
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
    return BigInt(this.streams.get(stream)?.length ?? 0) - 1n;
  }

  private visible(stream: string): StoredEvent[] {
    const events = this.streams.get(stream) ?? [];
    const keep = this.newestOnly.get(stream);
    return keep === undefined ? events : events.slice(Math.max(0, events.length - keep));
  }
}
