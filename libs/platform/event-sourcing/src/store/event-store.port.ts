import type { LogPosition } from '../recorded-event.js';

/** An event as the store keeps it: its JSON data and metadata, where it sits in its stream and in the log. */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position?: LogPosition;
  readonly data: unknown;
  /** Our metadata is a flat object of strings; an event written by another tool may carry anything. */
  readonly metadata: unknown;
  readonly created: Date;
}

/** An event to append: JSON data, flat string metadata. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * What the stream must look like for an append to happen: exactly at a revision, or not there yet;
 * `any` only for what may be written twice without harm (snapshots).
 */
export type ExpectedRevision = bigint | 'no_stream' | 'any';

export interface StreamAppend {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

export interface StreamsAppended {
  /** The revision of each stream's last event after the append, in the order the appends were given. */
  readonly revisions: readonly bigint[];
  /** Position of the last event written in the log (absent where the store does not tell). */
  readonly position?: LogPosition;
}

/** What a stream's metadata says, as far as the application uses it. */
export interface StreamMetadata {
  /** Revisions below this one are no longer readable (`$tb`); a scavenge may reclaim them. */
  readonly truncateBefore?: bigint;
  /** Only the newest this many events are readable (`$maxCount`). */
  readonly maxCount?: number;
  /** The application's own properties (names without `$`), as JSON. */
  readonly custom: Readonly<Record<string, unknown>>;
}

/** A change of a stream's metadata: what is given is set (null removes it), the rest stays as it is. */
export interface StreamMetadataChange {
  readonly truncateBefore?: bigint | null;
  readonly custom?: Readonly<Record<string, unknown>>;
}

export interface ReadOptions {
  /** Forwards from this revision (included), or backwards from the end. */
  readonly from: bigint | 'start' | 'end';
  readonly direction: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

/**
 * The event store as the write side needs it. Implemented over KurrentDB (what the application
 * runs on) and in memory (for fast specs); both pass the same contract spec, so neither can drift.
 */
export interface EventStore {
  /** The events of a stream; none when it does not exist. */
  read(stream: string, options: ReadOptions): AsyncIterable<StoredEvent>;
  /**
   * Appends to one or more streams, each with its expected revision. With `atomicAcrossStreams()`
   * either every stream is written or none; otherwise the streams are written one after another,
   * in the order given (callers put the stream whose presence proves the others' last).
   * A stream that is not at its expected revision throws RevisionConflict.
   */
  append(appends: readonly StreamAppend[]): Promise<StreamsAppended>;
  /** Whether an append to several streams is one atomic write (KurrentDB 25.1 and later). */
  atomicAcrossStreams(): Promise<boolean>;
  /**
   * Keeps only the newest `count` events of a stream readable from now on (older ones may be
   * reclaimed), whether the stream exists yet or not. A new count replaces the old one; the
   * stream's other settings stay, and nothing is written when it already keeps `count`.
   */
  keepOnlyNewest(stream: string, count: number): Promise<void>;
  /** The stream's metadata (empty for a stream that has none). */
  streamMetadata(stream: string): Promise<StreamMetadata>;
  /**
   * Changes the stream's metadata in one write: `truncateBefore` hides the revisions below it
   * from stream reads from now on (null shows them again, as long as no scavenge reclaimed them),
   * `custom` sets the application's own properties (a null value removes one). Everything else
   * the metadata holds (`$maxCount`, an ACL) stays.
   */
  changeStreamMetadata(stream: string, change: StreamMetadataChange): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** A stream was not at the revision an append expected: someone else appended first. */
export class RevisionConflict extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
  ) {
    super(`${stream} is not at the expected revision ${String(expected)}`);
    this.name = 'RevisionConflict';
  }
}
