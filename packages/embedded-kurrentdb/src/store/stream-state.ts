import { NO_METADATA, type StreamMetadata } from './stream-metadata.js';

export const METASTREAM_PREFIX = '$$';

/** `$all` never shows these, filtered or not (they are the server's own bookkeeping). */
function hiddenFromAll(name: string): boolean {
  return (
    name === '$epoch-information' ||
    (name.startsWith('$persistentsubscription-$all::') && (name.endsWith('-checkpoint') || name.endsWith('-parked')))
  );
}

export class StreamState {
  /** Record number of each revision: revision r is `records[r]`, soft-deleted ones included. */
  readonly records: number[] = [];
  /** Record number of the `$streamDeleted` record, or -1. */
  tombstone = -1;
  /** For `$$X`: the metadata its newest event says X has. */
  parsedMetadata: StreamMetadata = NO_METADATA;
  /** For X: its `$$X`, once either exists. */
  metastream: StreamState | undefined;
  /** For `$$X`: X, once either exists. */
  baseStream: StreamState | undefined;
  readonly isMetastream: boolean;
  readonly hiddenFromAll: boolean;
  readonly nameBytes: Buffer;

  constructor(
    readonly id: number,
    readonly name: string,
  ) {
    this.nameBytes = Buffer.from(name, 'utf8');
    this.isMetastream = name.startsWith(METASTREAM_PREFIX);
    this.hiddenFromAll = hiddenFromAll(name);
  }

  get lastRevision(): number {
    return this.records.length - 1;
  }

  get metadata(): StreamMetadata {
    return this.metastream?.parsedMetadata ?? NO_METADATA;
  }

  /** A stream with metadata but no event still "exists" for stream_exists and Delete. */
  get hasMetadata(): boolean {
    return this.metastream !== undefined && this.metastream.records.length > 0;
  }

  get isSoftDeleted(): boolean {
    return this.metadata.softDeleted;
  }

  /** Tombstoning X also deletes `$$X`. */
  get isTombstoned(): boolean {
    return this.tombstone >= 0 || (this.baseStream !== undefined && this.baseStream.tombstone >= 0);
  }
}

export function metastreamOf(stream: string): string {
  return METASTREAM_PREFIX + stream;
}

export function streamOfMetastream(metastream: string): string {
  return metastream.slice(METASTREAM_PREFIX.length);
}
