import { randomUUID } from 'node:crypto';
import {
  DEFINITION_STREAM,
  DEFINITION_TYPE,
  FILE_HEADER_SIZE,
  frameSize,
  R_CREATED,
  R_DATA_LENGTH,
  R_FLAGS,
  R_ID,
  R_LENGTH,
  R_METADATA_LENGTH,
  R_REVISION,
  R_STREAM,
  R_TYPE,
  RECORD_FLAG_JSON,
  RECORD_FLAG_SCAVENGED,
  RECORD_FLAG_TOMBSTONE,
  RECORD_HEADER_SIZE,
  walkFrame,
  writeFrame,
  type Definition,
  type RecordToWrite,
} from '../log/log-format.js';
import { uuidTextToBytes } from '../grpc/uuid.js';
import type {
  AppendFailure,
  AppendOutcome,
  AppendSuccess,
  ExpectedRevision,
  ProposedEvent,
  StreamAppend,
} from './append-request.js';
import { EventIdIndex } from './event-id-index.js';
import { RecordTable } from './record-table.js';
import { relocate } from './relocation.js';
import { SegmentArena } from './segment-arena.js';
import { metadataWithTruncateBefore, parseStreamMetadata } from './stream-metadata.js';
import { metastreamOf, StreamState, streamOfMetastream } from './stream-state.js';

/** Where committed frames go before an append is acknowledged (the data directory's log file). */
export interface LogSink {
  /** Writes the whole frame or throws, leaving the log as it was. */
  append(frame: Buffer): void;
  /** Resolves once everything appended so far is on stable storage; undefined when there is nothing to wait for. */
  sync(): Promise<void> | undefined;
  /** Replaces the whole log with these frames (after a scavenge), atomically. */
  rewrite(content: Buffer[]): void;
}

export type DeleteOutcome =
  | { kind: 'success'; position: number }
  | AppendFailure;

export const METADATA_EVENT_TYPE = '$metadata';
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
export const LINK_EVENT_TYPE = '$>';

type Decision =
  | { kind: 'write'; undelete: boolean }
  | { kind: 'idempotent'; record: number }
  | AppendFailure;

type CommitListener = (firstRecord: number, endRecord: number) => void;

/**
 * The whole event store of one node: the log bytes, an index row per record, and per-stream
 * revision tables. Appends decide, write one frame to the log, then index that frame with the
 * same code recovery uses, so a restarted store is exactly the store that was acknowledged.
 */
export class EventStore {
  readonly records = new RecordTable();
  private readonly arena = new SegmentArena();
  private readonly streamsByName = new Map<string, StreamState>();
  private readonly streamsById: StreamState[] = [];
  private readonly typeIds = new Map<string, number>();
  private readonly typeNames: string[] = [];
  private readonly typeNamesUtf8: Buffer[] = [];
  private readonly typeIsSystem: boolean[] = [];
  private ids = this.newIdIndex();
  /** Log offset the next frame will start at; record positions are log offsets, so they only grow. */
  private nextFrameOffset = FILE_HEADER_SIZE;
  private readonly commitListeners = new Set<CommitListener>();
  private readonly streamListeners = new Map<string, Set<() => void>>();
  private log: LogSink | undefined;
  private failure: Error | undefined;

  // ---------------------------------------------------------------- setup and recovery

  /** Room in the arena for a block recovery reads from the file. */
  adoptRecoveredBlock(block: Buffer): number {
    return this.arena.adopt(block);
  }

  /** Indexes one intact frame; used for recovered frames and for every new commit. */
  applyFrame(segment: number, frameOffset: number): void {
    const buffer = this.arena.segments[segment];
    const framePosition = this.nextFrameOffset;
    const size = buffer.readUInt32LE(frameOffset) + 8;
    let first = -1;
    const nextCommitOffset = walkFrame(
      buffer,
      frameOffset,
      (kind, id, name) => (kind === DEFINITION_STREAM ? this.defineStream(id, name) : this.defineType(id, name)),
      (recordOffset, position) => {
        const index = this.indexRecord(buffer, segment, frameOffset + recordOffset, position ?? framePosition + recordOffset);
        if (first < 0) first = index;
      },
    );
    // A relocated frame (scavenged log) says where the next commit goes; an ordinary one takes its own size.
    this.nextFrameOffset = nextCommitOffset === undefined ? this.nextFrameOffset + size : Math.max(this.nextFrameOffset, nextCommitOffset);
    this.arena.commit(size);
    if (first >= 0) this.notify(first, this.records.count);
  }

  /** Once recovery is done, every later frame also goes to `log`. */
  attachLog(log: LogSink): void {
    this.log = log;
  }

  /** Marks the store unusable (the server is stopping); later appends fail instead of writing. */
  close(reason: Error): void {
    this.failure = reason;
    this.commitListeners.clear();
    this.streamListeners.clear();
  }

  // ---------------------------------------------------------------- lookups

  stream(name: string): StreamState | undefined {
    return this.streamsByName.get(name);
  }

  streamById(id: number): StreamState {
    return this.streamsById[id];
  }

  typeName(typeId: number): string {
    return this.typeNames[typeId];
  }

  typeNameUtf8(typeId: number): Buffer {
    return this.typeNamesUtf8[typeId];
  }

  isSystemType(typeId: number): boolean {
    return this.typeIsSystem[typeId];
  }

  segmentOf(record: number): Buffer {
    return this.arena.segments[this.records.segment[record]];
  }

  isJson(record: number): boolean {
    return (this.records.flags[record] & RECORD_FLAG_JSON) !== 0;
  }

  isTombstoneRecord(record: number): boolean {
    return (this.records.flags[record] & RECORD_FLAG_TOMBSTONE) !== 0;
  }

  /** Removed by a scavenge: readers of `$all` skip it, its bytes are gone. */
  isScavenged(record: number): boolean {
    return (this.records.flags[record] & RECORD_FLAG_SCAVENGED) !== 0;
  }

  /** Every stream and metastream, in the order they were first written. */
  allStreams(): readonly StreamState[] {
    return this.streamsById;
  }

  /** The log offset the next commit will be written at (the logical end of the log). */
  get logicalEnd(): number {
    return this.nextFrameOffset;
  }

  /** Bytes the store's records take in memory (and in the log file, which has the same layout). */
  get storedBytes(): number {
    return this.arena.usedBytes();
  }

  createdMs(record: number): number {
    return this.segmentOf(record).readDoubleLE(this.records.offset[record] + R_CREATED);
  }

  eventId(record: number): Buffer {
    const at = this.records.offset[record] + R_ID;
    return this.segmentOf(record).subarray(at, at + 16);
  }

  customMetadata(record: number): Buffer {
    const buffer = this.segmentOf(record);
    const at = this.records.offset[record];
    const start = at + RECORD_HEADER_SIZE;
    return buffer.subarray(start, start + buffer.readUInt32LE(at + R_METADATA_LENGTH));
  }

  data(record: number): Buffer {
    const buffer = this.segmentOf(record);
    const at = this.records.offset[record];
    const start = at + RECORD_HEADER_SIZE + buffer.readUInt32LE(at + R_METADATA_LENGTH);
    return buffer.subarray(start, start + buffer.readUInt32LE(at + R_DATA_LENGTH));
  }

  // ---------------------------------------------------------------- notifications

  /** Called after every commit with the new records' range [first, end). */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Called after any commit that touched `stream` (events, tombstone or its metadata). */
  onStreamChange(stream: string, listener: () => void): () => void {
    let set = this.streamListeners.get(stream);
    if (!set) this.streamListeners.set(stream, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.streamListeners.delete(stream);
    };
  }

  // ---------------------------------------------------------------- writes

  /**
   * Appends to one or more streams atomically: every expected revision is checked first, then
   * either one frame holds all new events or nothing is written.
   */
  append(appends: StreamAppend[]): AppendOutcome {
    this.assertWritable();
    const decisions: Decision[] = [];
    for (let i = 0; i < appends.length; i++) {
      const decision = this.decide(appends[i].stream, appends[i].expected, appends[i].events);
      if (decision.kind === 'wrong-expected-version' || decision.kind === 'stream-deleted') {
        return { kind: 'failure', index: i, failure: decision };
      }
      decisions.push(decision);
    }

    const batch = new FrameBatch(this);
    const lastRecordOf: number[] = [];
    for (let i = 0; i < appends.length; i++) {
      const decision = decisions[i];
      if (decision.kind !== 'write') continue;
      const { stream, events } = appends[i];
      const existing = this.streamsByName.get(stream);
      if (decision.undelete && existing) {
        batch.add(metastreamOf(stream), METADATA_EVENT_TYPE, true, metadataWithTruncateBefore(existing.metadata.raw, existing.lastRevision + 1));
      }
      let last = -1;
      for (const event of this.rewriteMetadataOfDeletedStream(stream, events)) {
        last = batch.add(stream, event.type, event.isJson, event.data, event.metadata, event.id);
      }
      lastRecordOf[i] = last;
    }
    const firstNewRecord = this.records.count;
    this.commit(batch);

    const results: AppendSuccess[] = [];
    let lastPosition: number | undefined;
    for (let i = 0; i < appends.length; i++) {
      const decision = decisions[i];
      const stream = this.streamsByName.get(appends[i].stream);
      let record = -1;
      if (decision.kind === 'idempotent') record = decision.record;
      else if (lastRecordOf[i] >= 0) record = firstNewRecord + lastRecordOf[i];
      else if (stream && stream.lastRevision >= 0) record = stream.records[stream.lastRevision];
      const position = record >= 0 ? this.records.position[record] : undefined;
      if (position !== undefined && (lastPosition === undefined || position > lastPosition)) lastPosition = position;
      results.push({
        kind: 'success',
        stream: appends[i].stream,
        revision: decision.kind === 'idempotent' ? this.records.revision[record] : (stream?.lastRevision ?? -1),
        position,
      });
    }
    return { kind: 'success', results, lastPosition };
  }

  /** Soft delete (a `$tb` = i64 max metadata event) or tombstone (a final `$streamDeleted` record). */
  deleteStream(name: string, expected: ExpectedRevision, mode: 'soft' | 'tombstone'): DeleteOutcome {
    this.assertWritable();
    const stream = this.streamsByName.get(name);
    if (this.isTombstonedName(name)) return { kind: 'stream-deleted', stream: name };
    const exists = stream !== undefined && (stream.records.length > 0 || stream.hasMetadata);
    if (mode === 'soft' && !exists) {
      return { kind: 'wrong-expected-version', stream: name, expected, actual: -1 };
    }
    const decision = this.decide(name, expected, []);
    if (decision.kind === 'wrong-expected-version' || decision.kind === 'stream-deleted') return decision;

    const batch = new FrameBatch(this);
    if (mode === 'soft') {
      batch.add(metastreamOf(name), METADATA_EVENT_TYPE, true, metadataWithTruncateBefore({}, 'soft-delete'));
    } else {
      batch.addTombstone(name);
    }
    this.commit(batch);
    return { kind: 'success', position: this.records.position[this.records.count - 1] };
  }

  /** Resolves when every acknowledged write is on stable storage (fsync mode), else undefined. */
  pendingSync(): Promise<void> | undefined {
    return this.log?.sync();
  }

  // ---------------------------------------------------------------- scavenge

  /**
   * Removes the records marked in `dropped` (one byte per record number): what is kept moves
   * into relocated frames that keep every position, in memory and, with a data directory, in a
   * rewritten log file. Record numbers stay valid for the life of the process (removed rows are
   * flagged and skipped), so running readers and subscriptions carry on.
   */
  compact(dropped: Uint8Array): { removed: number; bytesBefore: number; bytesAfter: number } {
    this.assertWritable();
    const bytesBefore = this.arena.usedBytes();
    const { records } = this;
    let removed = 0;
    for (let record = 0; record < records.count; record++) {
      if (!dropped[record] || this.isScavenged(record)) continue;
      const stream = this.streamsById[records.streamId[record]];
      if (!(records.flags[record] & RECORD_FLAG_TOMBSTONE)) stream.records[records.revision[record]] = -1;
      records.flags[record] |= RECORD_FLAG_SCAVENGED;
      removed++;
    }
    const layout = relocate(this, this.definitionsInIdOrder(), this.nextFrameOffset);
    this.arena.replace(layout.segments, layout.usedInLast, layout.used);
    for (const { record, segment, offset } of layout.placements) {
      records.segment[record] = segment;
      records.offset[record] = offset;
    }
    this.ids = this.newIdIndex();
    for (let record = 0; record < records.count; record++) {
      if (!this.isScavenged(record)) this.ids.add(record, EventIdIndex.hash(this.segmentOf(record), records.offset[record] + R_ID));
    }
    this.log?.rewrite(layout.segments.map((segment, i) => segment.subarray(0, layout.used[i])));
    return { removed, bytesBefore, bytesAfter: this.arena.usedBytes() };
  }

  /** The bytes of a kept record as stored (header, metadata, data). */
  recordBytes(record: number): Buffer {
    const buffer = this.segmentOf(record);
    const at = this.records.offset[record];
    return buffer.subarray(at, at + buffer.readUInt32LE(at + R_LENGTH));
  }

  private definitionsInIdOrder(): Definition[] {
    return [
      ...this.streamsById.map((stream) => ({ kind: DEFINITION_STREAM, id: stream.id, name: stream.nameBytes }) as Definition),
      ...this.typeNamesUtf8.map((name, id) => ({ kind: DEFINITION_TYPE, id, name }) as Definition),
    ];
  }

  private newIdIndex(): EventIdIndex {
    return new EventIdIndex(
      (record) => EventIdIndex.hash(this.segmentOf(record), this.records.offset[record] + R_ID),
      (record, streamId, id) =>
        this.records.streamId[record] === streamId &&
        !this.isScavenged(record) &&
        this.segmentOf(record).compare(id, 0, 16, this.records.offset[record] + R_ID, this.records.offset[record] + R_ID + 16) === 0,
    );
  }

  // ---------------------------------------------------------------- internals

  /** X is tombstoned, or this is `$$X` and X is (even before `$$X` was ever written). */
  isTombstonedName(name: string): boolean {
    const stream = this.streamsByName.get(name);
    if (stream) return stream.isTombstoned;
    return name.startsWith('$$') && (this.streamsByName.get(streamOfMetastream(name))?.tombstone ?? -1) >= 0;
  }

  private assertWritable(): void {
    if (this.failure) throw this.failure;
  }

  /**
   * Expected-revision rules of the real server, idempotent retries included: a retry of an
   * acknowledged append (same event ids) succeeds without writing anything.
   */
  private decide(name: string, expected: ExpectedRevision, events: ProposedEvent[]): Decision {
    const stream = this.streamsByName.get(name);
    if (this.isTombstonedName(name)) return { kind: 'stream-deleted', stream: name };
    const current = stream ? stream.lastRevision : -1;
    const softDeleted = stream?.isSoftDeleted ?? false;
    const live = current >= 0 && !softDeleted;
    const wrong = (): AppendFailure => ({ kind: 'wrong-expected-version', stream: name, expected, actual: current });

    switch (expected.kind) {
      case 'any':
        return this.weakRetry(stream, events, wrong) ?? { kind: 'write', undelete: softDeleted };
      case 'stream_exists':
        if (softDeleted) return { kind: 'stream-deleted', stream: name };
        if (current < 0 && !stream?.hasMetadata) return wrong();
        return this.weakRetry(stream, events, wrong) ?? { kind: 'write', undelete: false };
      case 'no_stream':
        if (!live) return { kind: 'write', undelete: softDeleted };
        return this.strongRetry(stream!, -1, events) ?? wrong();
      case 'exact': {
        if (current < 0 || expected.revision > BigInt(current)) return wrong();
        const revision = Number(expected.revision);
        if (revision === current) return { kind: 'write', undelete: softDeleted };
        return this.strongRetry(stream!, revision, events) ?? wrong();
      }
    }
  }

  /** any / stream_exists: a known first id means a retry, which must then be complete. */
  private weakRetry(stream: StreamState | undefined, events: ProposedEvent[], wrong: () => AppendFailure): Decision | undefined {
    if (!stream || events.length === 0 || this.ids.find(stream.id, events[0].id) < 0) return undefined;
    let record = -1;
    for (const event of events) {
      record = this.ids.find(stream.id, event.id);
      if (record < 0) return wrong();
    }
    return { kind: 'idempotent', record };
  }

  /** no_stream / exact R below the end: the events after R must be exactly the proposed ones. */
  private strongRetry(stream: StreamState, after: number, events: ProposedEvent[]): Decision | undefined {
    if (events.length === 0 || after + events.length > stream.lastRevision) return undefined;
    for (let i = 0; i < events.length; i++) {
      const record = stream.records[after + 1 + i];
      // A scavenged event cannot be compared: the append is not a retry of what is left.
      if (record < 0 || !this.eventId(record).equals(events[i].id)) return undefined;
    }
    return { kind: 'idempotent', record: stream.records[after + events.length] };
  }

  /**
   * Writing metadata to `$$X` while X is soft-deleted undeletes X the way the server does:
   * `$tb` becomes X's last revision + 1, other keys are kept, so old events stay hidden.
   */
  private rewriteMetadataOfDeletedStream(name: string, events: ProposedEvent[]): ProposedEvent[] {
    const base = this.streamsByName.get(name)?.baseStream ?? (name.startsWith('$$') ? this.streamsByName.get(streamOfMetastream(name)) : undefined);
    if (!base?.isSoftDeleted || events.length === 0) return events;
    return events.map((event) => {
      const parsed = parseStreamMetadata(event.data);
      if (parsed.softDeleted) return event;
      return { ...event, data: metadataWithTruncateBefore(parsed.raw, base.lastRevision + 1) };
    });
  }

  private commit(batch: FrameBatch): void {
    if (batch.isEmpty()) return;
    const size = frameSize(batch.definitions, batch.records);
    const { segment, offset, buffer } = this.arena.reserve(size);
    writeFrame(buffer, offset, batch.definitions, batch.records);
    this.log?.append(buffer.subarray(offset, offset + size));
    this.applyFrame(segment, offset);
  }

  private defineStream(id: number, name: string): void {
    if (id !== this.streamsById.length) throw new Error(`log defines stream ${id} out of order`);
    const stream = new StreamState(id, name);
    this.streamsById.push(stream);
    this.streamsByName.set(name, stream);
    if (stream.isMetastream) {
      const base = this.streamsByName.get(streamOfMetastream(name));
      stream.baseStream = base;
      if (base) base.metastream = stream;
    }
    const meta = this.streamsByName.get(metastreamOf(name));
    if (meta) {
      stream.metastream = meta;
      meta.baseStream = stream;
    }
  }

  private defineType(id: number, name: string): void {
    if (id !== this.typeNames.length) throw new Error(`log defines event type ${id} out of order`);
    this.typeIds.set(name, id);
    this.typeNames.push(name);
    this.typeNamesUtf8.push(Buffer.from(name, 'utf8'));
    this.typeIsSystem.push(name.startsWith('$'));
  }

  private indexRecord(buffer: Buffer, segment: number, at: number, position: number): number {
    const flags = buffer.readUInt8(at + R_FLAGS);
    const streamId = buffer.readUInt32LE(at + R_STREAM);
    const revision = buffer.readDoubleLE(at + R_REVISION);
    const index = this.records.push(position, segment, at, streamId, revision, buffer.readUInt32LE(at + R_TYPE), flags);
    const stream = this.streamsById[streamId];
    if (flags & RECORD_FLAG_TOMBSTONE) {
      stream.tombstone = index;
    } else {
      // A scavenged log lacks removed revisions: they stay holes (-1) so revision r is still records[r].
      while (stream.records.length < revision) stream.records.push(-1);
      stream.records.push(index);
      if (stream.isMetastream) {
        stream.parsedMetadata = parseStreamMetadata(this.data(index));
      }
    }
    this.ids.add(index, EventIdIndex.hash(buffer, at + R_ID));
    return index;
  }

  /**
   * Listeners run after the commit is durable; one that fails must neither fail the append that
   * triggered it nor stop the others, so failures are reported as process warnings.
   */
  private notify(first: number, end: number): void {
    for (const listener of this.commitListeners) guarded(() => listener(first, end));
    if (this.streamListeners.size === 0) return;
    const touched = new Set<string>();
    for (let i = first; i < end; i++) {
      const stream = this.streamsById[this.records.streamId[i]];
      touched.add(stream.name);
      if (stream.baseStream) touched.add(stream.baseStream.name);
    }
    for (const name of touched) {
      const listeners = this.streamListeners.get(name);
      if (listeners) for (const listener of [...listeners]) guarded(listener);
    }
  }

  /** Id the stream or type would get, allocating a definition in `batch` when it is new. */
  resolveStreamId(name: string, batch: FrameBatch): number {
    return this.streamsByName.get(name)?.id ?? batch.pendingId(DEFINITION_STREAM, name, this.streamsById.length);
  }

  resolveTypeId(name: string, batch: FrameBatch): number {
    return this.typeIds.get(name) ?? batch.pendingId(DEFINITION_TYPE, name, this.typeNames.length);
  }

  nextRevision(name: string): number {
    return (this.streamsByName.get(name)?.lastRevision ?? -1) + 1;
  }
}

/** The definitions and records of one commit under construction. */
class FrameBatch {
  readonly definitions: Definition[] = [];
  readonly records: RecordToWrite[] = [];
  private readonly pending = new Map<string, number>();
  private readonly revisions = new Map<string, number>();
  private readonly createdMs = Date.now();

  constructor(private readonly store: EventStore) {}

  isEmpty(): boolean {
    return this.records.length === 0;
  }

  pendingId(kind: Definition['kind'], name: string, firstFree: number): number {
    const key = `${kind}:${name}`;
    const known = this.pending.get(key);
    if (known !== undefined) return known;
    const id = firstFree + this.definitions.filter((d) => d.kind === kind).length;
    this.definitions.push({ kind, id, name: Buffer.from(name, 'utf8') });
    this.pending.set(key, id);
    return id;
  }

  /** Adds one event and returns its index within the batch. */
  add(stream: string, type: string, isJson: boolean, data: Uint8Array, metadata: Uint8Array = EMPTY, id?: Buffer): number {
    // A base stream gets its id together with its metastream, so `$$X` always has an X to attach to.
    if (stream.startsWith('$$')) this.store.resolveStreamId(streamOfMetastream(stream), this);
    const revision = this.revisions.get(stream) ?? this.store.nextRevision(stream);
    this.revisions.set(stream, revision + 1);
    this.records.push({
      flags: isJson ? RECORD_FLAG_JSON : 0,
      streamId: this.store.resolveStreamId(stream, this),
      typeId: this.store.resolveTypeId(type, this),
      revision,
      createdMs: this.createdMs,
      id: id ?? newEventId(),
      metadata,
      data,
    });
    return this.records.length - 1;
  }

  addTombstone(stream: string): number {
    this.records.push({
      flags: RECORD_FLAG_TOMBSTONE,
      streamId: this.store.resolveStreamId(stream, this),
      typeId: this.store.resolveTypeId(TOMBSTONE_EVENT_TYPE, this),
      revision: 0,
      createdMs: this.createdMs,
      id: newEventId(),
      metadata: EMPTY,
      data: EMPTY,
    });
    return this.records.length - 1;
  }
}

const EMPTY = new Uint8Array(0);

function guarded(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    process.emitWarning(`embedded KurrentDB: a commit listener failed: ${(error as Error).stack ?? String(error)}`);
  }
}

function newEventId(): Buffer {
  return uuidTextToBytes(randomUUID());
}
