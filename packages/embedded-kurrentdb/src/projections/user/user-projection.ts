import { randomUUID } from 'node:crypto';
import { uuidBytesToText, uuidTextToBytes } from '../../grpc/uuid.js';
import { ANY, type ProposedEvent, type StreamAppend } from '../../store/append-request.js';
import { LINK_EVENT_TYPE, type EventStore } from '../../store/event-store.js';
import { resolveLink } from '../../streams/stream-visibility.js';
import { checkpointStreamOf, emittedStreamsStreamOf, type ProjectionConfig } from '../projection-config.js';
import { positionText, ProjectionRunner } from '../projection-runner.js';
import { ProjectionError, ProjectionSandbox, type EmittedEvent, type ProjectionDescription, type SandboxEvent } from './projection-sandbox.js';

const CHECKPOINT_EVENT_TYPE = '$ProjectionCheckpoint';
const STREAM_TRACKED_EVENT_TYPE = '$StreamTracked';
const CATEGORY_STREAM_PREFIX = '$ce-';
/** Events handed to the query per call into its sandbox (one timeout covers the whole call). */
const SANDBOX_BATCH = 200;
const CHECKPOINT_AFTER_MS = 1000;
export const EMIT_NOT_ALLOWED = "'emit' is not allowed by the projection/configuration/mode";

interface StoredCheckpoint {
  /** Position of the last record read, or null after a reset. */
  position: number | null;
  /** The sandbox's snapshot of all partition states. */
  states: string;
}

/**
 * A continuous or one-time user projection: a JavaScript query run in its own sandbox over the
 * records it selects (all user streams, some streams, or categories through `$ce-` links), with
 * its states checkpointed to `$projections-<name>-checkpoint` so that it resumes after a restart.
 */
export class UserProjection extends ProjectionRunner {
  private sandbox: ProjectionSandbox | undefined;
  private selection: Selection | undefined;
  private checkpointed: number | null | undefined;
  private lastCheckpointAt = 0;
  private dirty = false;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private tracked: Set<string> | undefined;

  constructor(
    store: EventStore,
    readonly config: ProjectionConfig,
    private readonly timeoutMs: number,
  ) {
    super(config.name, store);
  }

  /** The state (or, with `transformBy`/`filterBy`, the result) of a partition as JSON, or null. */
  state(partition: string): string | null {
    return this.load()?.state(partition) ?? null;
  }

  result(partition: string): string | null {
    return this.load()?.result(partition) ?? null;
  }

  /** A faulted projection restarts from its last checkpoint, not from the state it faulted in. */
  override start(): void {
    if (this.status === 'Faulted') {
      this.sandbox = undefined;
      this.cursor = 0;
    }
    super.start();
  }

  /** Stopping writes a checkpoint; aborting does not, and the next start resumes from the last one. */
  override stop(status: 'Stopped' | 'Aborted' = 'Stopped'): void {
    const wasRunning = this.running;
    super.stop(status);
    if (wasRunning && status === 'Stopped') this.writeCheckpoint();
    this.cancelCheckpointTimer();
    if (status === 'Aborted') {
      this.sandbox = undefined;
      this.cursor = 0;
      this.dirty = false;
    }
  }

  /** Forgets every state and starts over from the beginning of the log. */
  reset(): void {
    this.load()?.reset();
    this.cursor = 0;
    this.eventsProcessed = 0;
    this.dirty = true;
    this.writeCheckpoint();
    if (this.status === 'Faulted' || this.status === 'Completed') this.status = 'Stopped';
    if (this.running) this.schedule();
  }

  /** Everything read so far is checkpointed (used before the subsystem or the server stops). */
  flush(): void {
    if (this.dirty) this.writeCheckpoint();
    this.cancelCheckpointTimer();
  }

  protected prepare(): void {
    this.load();
  }

  protected override caughtUp(): void {
    if (this.config.mode !== 'OneTime') return;
    this.writeCheckpoint();
    this.detach();
    this.status = 'Completed';
  }

  protected override lastCheckpointText(): string {
    return positionText(this.checkpointed ?? undefined);
  }

  protected processRange(from: number, end: number): void {
    const sandbox = this.load();
    const selection = this.selection;
    if (!sandbox || !selection) return;
    const batch: SandboxEvent[] = [];
    const causes: string[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      const { results } = sandbox.process(batch);
      const emitted: { event: EmittedEvent; causedBy: string }[] = [];
      results.forEach((result, i) => result?.emitted.forEach((event) => emitted.push({ event, causedBy: causes[i] })));
      if (emitted.length > 0 && !this.config.emitEnabled) throw new ProjectionError(EMIT_NOT_ALLOWED);
      this.write(emitted);
      this.eventsProcessed += batch.length;
      this.dirty = true;
      batch.length = 0;
      causes.length = 0;
    };
    const now = Date.now();
    for (let record = from; record < end; record++) {
      const event = selection.select(record, now);
      if (!event) continue;
      batch.push(event);
      causes.push(event.eventId);
      if (batch.length >= SANDBOX_BATCH) flush();
    }
    flush();
    this.dirty = true;
    this.scheduleCheckpoint();
  }

  /** The compiled query with its last checkpoint restored; undefined (and faulted) when the query does not compile. */
  private load(): ProjectionSandbox | undefined {
    if (this.sandbox) return this.sandbox;
    try {
      this.sandbox = new ProjectionSandbox(this.config.query, this.timeoutMs);
    } catch (error) {
      this.fault((error as Error).message);
      return undefined;
    }
    this.selection = new Selection(this.store, this.sandbox.description);
    const checkpoint = this.readCheckpoint();
    if (checkpoint) {
      this.sandbox.restore(checkpoint.states);
      this.checkpointed = checkpoint.position;
      this.cursor = checkpoint.position === null ? 0 : this.store.records.firstAtOrAfter(checkpoint.position + 1);
    }
    return this.sandbox;
  }

  private write(emitted: { event: EmittedEvent; causedBy: string }[]): void {
    if (emitted.length === 0) return;
    const appends: StreamAppend[] = [];
    for (const { event, causedBy } of emitted) {
      if (this.config.trackEmittedStreams && !this.trackedStreams().has(event.stream)) {
        this.trackedStreams().add(event.stream);
        appends.push({ stream: emittedStreamsStreamOf(this.name), expected: ANY, events: [proposed(STREAM_TRACKED_EVENT_TYPE, false, event.stream, undefined)] });
      }
      appends.push({ stream: event.stream, expected: ANY, events: [proposed(event.type, event.isJson, event.data, metadataOf(event.metadata, causedBy))] });
    }
    const outcome = this.store.append(appends);
    if (outcome.kind === 'failure') {
      throw new ProjectionError(`could not write to ${appends[outcome.index].stream}: ${outcome.failure.kind}`);
    }
  }

  private trackedStreams(): Set<string> {
    if (this.tracked) return this.tracked;
    this.tracked = new Set();
    const stream = this.store.stream(emittedStreamsStreamOf(this.name));
    for (const record of stream?.records ?? []) if (record >= 0) this.tracked.add(this.store.data(record).toString('utf8'));
    return this.tracked;
  }

  private readCheckpoint(): StoredCheckpoint | undefined {
    const stream = this.store.stream(checkpointStreamOf(this.name));
    if (!stream || stream.lastRevision < 0 || stream.isSoftDeleted) return undefined;
    try {
      const stored = JSON.parse(this.store.data(stream.records[stream.lastRevision]).toString('utf8')) as StoredCheckpoint;
      return typeof stored.states === 'string' ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) return;
    const wait = Math.max(0, this.lastCheckpointAt + CHECKPOINT_AFTER_MS - Date.now());
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      if (this.dirty && this.sandbox) {
        try {
          this.writeCheckpoint();
        } catch (error) {
          this.fault((error as Error).message);
        }
      }
    }, wait);
    this.checkpointTimer.unref();
  }

  private cancelCheckpointTimer(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
  }

  private writeCheckpoint(): void {
    const sandbox = this.sandbox;
    if (!sandbox || !this.dirty) return;
    const position = this.cursor > 0 ? this.store.records.position[Math.min(this.cursor, this.store.records.count) - 1] : null;
    const stored: StoredCheckpoint = { position, states: sandbox.snapshot() };
    const tag = position === null ? {} : { $v: '1:-1:1:1', $c: position, $p: position };
    this.store.append([
      {
        stream: checkpointStreamOf(this.name),
        expected: ANY,
        events: [proposed(CHECKPOINT_EVENT_TYPE, true, JSON.stringify(stored), Buffer.from(JSON.stringify(tag)))],
      },
    ]);
    this.checkpointed = position;
    this.lastCheckpointAt = Date.now();
    this.dirty = false;
  }
}

/** Which records a query reads and how each becomes the event object its handlers see. */
class Selection {
  private readonly types: Set<string>;
  private readonly streams: Set<string> | undefined;
  private readonly categoryStreams: Set<string> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly description: ProjectionDescription,
  ) {
    this.types = new Set(description.handledTypes);
    const source = description.source;
    this.streams = source.kind === 'streams' ? new Set(source.names) : undefined;
    this.categoryStreams = source.kind === 'categories' ? new Set(source.names.map((name) => `${CATEGORY_STREAM_PREFIX}${name}`)) : undefined;
  }

  select(record: number, now: number): SandboxEvent | undefined {
    const { store, description } = this;
    if (store.isTombstoneRecord(record) || store.isScavenged(record)) return undefined;
    const positionStream = store.streamById(store.records.streamId[record]).name;
    const isLink = store.typeName(store.records.typeId[record]) === LINK_EVENT_TYPE;
    let category: string | null = null;
    let resolve = isLink;
    if (this.streams) {
      if (!this.streams.has(positionStream)) return undefined;
    } else if (this.categoryStreams) {
      if (!isLink || !this.categoryStreams.has(positionStream)) return undefined;
      category = positionStream.slice(CATEGORY_STREAM_PREFIX.length);
    } else {
      // fromAll: user streams and their metastreams; links only with $includeLinks, and then as links.
      if (isLink && !description.includeLinks) return undefined;
      if (positionStream.startsWith('$') && !(positionStream.startsWith('$$') && !positionStream.startsWith('$$$'))) return undefined;
      resolve = false;
    }
    const event = resolve ? resolveLink(store, record, now) : record;
    if (event < 0) return undefined;
    const eventType = store.typeName(store.records.typeId[event]);
    if (!description.any && !this.types.has(eventType)) return undefined;
    const isJson = store.isJson(event);
    const bodyRaw = store.data(event).toString('utf8');
    if (isJson && !isValidJson(bodyRaw)) return undefined;
    const streamId = store.streamById(store.records.streamId[event]).name;
    const linkMetadataRaw = resolve ? textOrNull(store.customMetadata(record)) : null;
    return {
      isJson,
      bodyRaw,
      metadataRaw: textOrNull(store.customMetadata(event)),
      linkMetadataRaw,
      streamId,
      sequenceNumber: store.records.revision[event],
      eventType,
      eventId: uuidBytesToText(store.eventId(event)),
      partition: description.byStream ? partitionOf(streamId, linkMetadataRaw) : '',
      category,
    };
  }
}

/** foreachStream: the stream a category link was made for (`$o`), else the event's own stream. */
function partitionOf(streamId: string, linkMetadataRaw: string | null): string {
  if (linkMetadataRaw) {
    try {
      const original = (JSON.parse(linkMetadataRaw) as { $o?: unknown }).$o;
      if (typeof original === 'string') return original;
    } catch {
      // no usable link metadata
    }
  }
  return streamId.startsWith('$$') ? streamId.slice(2) : streamId;
}

/** JSON events with empty or invalid bodies are skipped, as the real engine does. */
function isValidJson(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function textOrNull(bytes: Buffer): string | null {
  return bytes.length === 0 ? null : bytes.toString('utf8');
}

function metadataOf(userMetadata: string | null, causedBy: string): Buffer {
  let fields: Record<string, unknown> = {};
  if (userMetadata) {
    const parsed = JSON.parse(userMetadata) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
  }
  return Buffer.from(JSON.stringify({ ...fields, $causedBy: causedBy }));
}

function proposed(type: string, isJson: boolean, data: string, metadata: Buffer | undefined): ProposedEvent {
  return { id: uuidTextToBytes(randomUUID()), type, isJson, metadata: metadata ?? new Uint8Array(0), data: Buffer.from(data) };
}
