import type { StoredEvent } from '@openbank/event-sourcing';

/** A stream that may go to cold storage now, and why. */
export interface DueStream {
  readonly stream: string;
  /** Why it is due, for people: `closed on 2025-01-31T10:00:00.000Z`. */
  readonly reason: string;
}

/**
 * What a bounded context tells the archiving about one category of its streams: which are due,
 * what must be done before one is truncated so that its aggregate still loads (a snapshot at the
 * truncation point), and how to check that it still does. A context registers it with the
 * ArchivingRegistry when its module starts.
 */
export interface ArchivableStreams {
  /** The stream category it answers for (`account`). */
  readonly category: string;
  /** Streams of the category that became archivable before `before` (closed then, say), oldest first; some may be archived already. */
  candidates(before: Date): AsyncIterable<DueStream>;
  /** Whether one stream became archivable before `before`: why, or undefined. */
  dueBefore(stream: string, before: Date): Promise<DueStream | undefined>;
  /** Done right before the stream is truncated before `revision`: keep what loading its aggregate needs. */
  beforeTruncation(stream: string, revision: bigint): Promise<void>;
  /** Undefined when the aggregate loads (from the store, as commands load it) to the state the whole history gives; what differs otherwise. */
  checkState(stream: string, history: readonly StoredEvent[]): Promise<string | undefined>;
}
