import { ANY, BACKWARDS, END, FORWARDS, KurrentDBClient, NO_STREAM, START, UnsupportedError, WrongExpectedVersionError, jsonEvent, type JSONType, type RecordedEvent } from '@kurrent/kurrentdb-client';
import streamsV2 from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb.js';
import { EventStoreUnavailable, asStoreError, isStreamNotFound, translatingOutages } from '../kurrentdb/store-errors.js';
import {
  RevisionConflict,
  type EventStore,
  type NewEvent,
  type ReadOptions,
  type StoredEvent,
  type StreamAppend,
  type StreamMetadata,
  type StreamMetadataChange,
  type StreamsAppended,
} from './event-store.port.js';

/** The event store on KurrentDB, through the official client. */
export class KurrentDBEventStore implements EventStore {
  private atomic?: Promise<boolean>;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly deadlineMs: number,
  ) {}

  async *read(stream: string, { from, direction, maxCount }: ReadOptions): AsyncIterable<StoredEvent> {
    const reads = this.client.readStream(stream, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: from === 'start' ? START : from === 'end' ? END : from,
      ...(maxCount === undefined ? {} : { maxCount }),
      deadline: this.deadlineMs,
    });
    try {
      for await (const { event } of reads) if (event) yield storedEventOf(event);
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw asStoreError(error);
    }
  }

  async append(appends: readonly StreamAppend[]): Promise<StreamsAppended> {
    if (appends.length === 1) return this.appendOne(appends[0]);
    if (await this.atomicAcrossStreams()) return this.appendAtomically(appends);
    const results: StreamsAppended[] = [];
    for (const single of appends) results.push(await this.appendOne(single));
    return { revisions: results.map((result) => result.revisions[0]), position: results.at(-1)?.position };
  }

  atomicAcrossStreams(): Promise<boolean> {
    // The client asks the server which methods it offers (once) before it uses one; it has no
    // public question for it, so the same check is made here before choosing how to write.
    const supports = (this.client as unknown as { supports(method: unknown): Promise<boolean> }).supports;
    this.atomic ??= translatingOutages(() => supports(streamsV2.StreamsServiceService.appendSession)).catch((error: unknown) => {
      this.atomic = undefined;
      throw error;
    });
    return this.atomic;
  }

  /** The stream's `$maxCount`, written over what its metadata already holds (an ACL, a `$tb`), only when it differs. */
  async keepOnlyNewest(stream: string, count: number): Promise<void> {
    const { metadata } = await translatingOutages(() => this.client.getStreamMetadata(stream, { deadline: this.deadlineMs }));
    if (metadata?.maxCount === count) return;
    await translatingOutages(() => this.client.setStreamMetadata(stream, { ...metadata, maxCount: count }, { deadline: this.deadlineMs }));
  }

  async streamMetadata(stream: string): Promise<StreamMetadata> {
    const { metadata } = await translatingOutages(() => this.client.getStreamMetadata(stream, { deadline: this.deadlineMs }));
    const { truncateBefore, maxCount, maxAge: _maxAge, cacheControl: _cacheControl, acl: _acl, ...custom } = metadata ?? {};
    return {
      ...(typeof truncateBefore === 'number' ? { truncateBefore: BigInt(truncateBefore) } : {}),
      ...(typeof maxCount === 'number' ? { maxCount } : {}),
      custom,
    };
  }

  /** Written over what the metadata already holds, in one metadata event. */
  async changeStreamMetadata(stream: string, change: StreamMetadataChange): Promise<void> {
    const { metadata } = await translatingOutages(() => this.client.getStreamMetadata(stream, { deadline: this.deadlineMs }));
    const next: Record<string, unknown> = { ...metadata };
    if (change.truncateBefore === null) delete next.truncateBefore;
    else if (change.truncateBefore !== undefined) next.truncateBefore = Number(change.truncateBefore);
    for (const [name, value] of Object.entries(change.custom ?? {})) {
      if (name.startsWith('$')) throw new Error(`custom stream metadata may not be named ${name}`);
      if (value === null) delete next[name];
      else next[name] = value;
    }
    await translatingOutages(() => this.client.setStreamMetadata(stream, next, { deadline: this.deadlineMs }));
  }

  private async appendOne({ stream, expected, events }: StreamAppend): Promise<StreamsAppended> {
    try {
      const result = await withinDeadline(
        translatingOutages(() =>
          this.client.appendToStream(stream, events.map(eventDataOf), {
            streamState: expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : expected,
            deadline: this.deadlineMs,
          }),
        ),
        this.deadlineMs,
      );
      return { revisions: [result.nextExpectedRevision], position: result.position };
    } catch (error) {
      throw error instanceof WrongExpectedVersionError ? new RevisionConflict(stream, expected) : error;
    }
  }

  private async appendAtomically(appends: readonly StreamAppend[]): Promise<StreamsAppended> {
    const requests = appends.map(({ stream, expected, events }) => ({ streamName: stream, expectedState: expected, events: events.map(eventDataOf) }));
    try {
      const result = await withinDeadline(translatingOutages(() => this.client.multiStreamAppend(requests)), this.deadlineMs);
      const byStream = new Map(result.responses.map((response) => [response.streamName, response.revision]));
      return { revisions: appends.map(({ stream }) => byStream.get(stream)!), position: { commit: result.position, prepare: result.position } };
    } catch (error) {
      if (error instanceof UnsupportedError) {
        // The caller decided on an append that is all or nothing: written stream by stream, a
        // crash or a conflict half-way would leave part of it (a transfer's debit without its
        // transfer). Nothing is written; the caller tries again, and asks the store anew what it
        // can do (the client answered from server features it read while the store was starting).
        this.atomic = undefined;
        throw new EventStoreUnavailable(error);
      }
      if (error instanceof WrongExpectedVersionError) throw new RevisionConflict(error.streamName, appends.find((append) => append.stream === error.streamName)?.expected ?? 'no_stream');
      throw error;
    }
  }
}

function eventDataOf(event: NewEvent) {
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata as JSONType });
}

/** What the client read, as the port describes it (shared with the subscriptions, which read through the client). */
export function storedEventOf(recorded: RecordedEvent): StoredEvent {
  return {
    id: recorded.id,
    type: recorded.type,
    streamId: recorded.streamId,
    revision: recorded.revision,
    position: recorded.position,
    data: recorded.isJson ? recorded.data : undefined,
    metadata: recorded.metadata,
    created: recorded.created,
  };
}

/**
 * The client holds no append to a deadline of its own: one to several streams takes none, and one
 * to a single stream passes it to the server and waits for the server to keep it. An answer that
 * does not come in time counts as an outage.
 */
function withinDeadline<T>(operation: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventStoreUnavailable(new Error(`no answer within ${deadlineMs} ms`))), deadlineMs);
  });
  return Promise.race([operation, expired]).finally(() => clearTimeout(timer));
}
