import { randomUUID } from 'node:crypto';
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import { persistentSubscriptionError } from '../grpc/rpc-error.js';
import { persistent, shared, type Persistent } from '../grpc/protocol.js';
import { uuidBytesToMessage, uuidBytesToText, uuidTextToBytes } from '../grpc/uuid.js';
import { ANY, type StreamAppend } from '../store/append-request.js';
import { LINK_EVENT_TYPE, METADATA_EVENT_TYPE, type EventStore } from '../store/event-store.js';
import { metastreamOf } from '../store/stream-state.js';
import { metadataWithTruncateBefore } from '../store/stream-metadata.js';
import { EventFilter } from '../streams/event-filter.js';
import { isLinkRecord, isVisible, resolveLink, visibleRange } from '../streams/stream-visibility.js';
import { ALL, groupKey, startFromText, type GroupConfig } from './group-config.js';
import { LatencyStatistics } from './latency-statistics.js';

export type PersistentReadCall = ServerDuplexStream<Persistent.ReadReq, Persistent.ReadResp>;

const CHECKPOINT_EVENT_TYPE = '$SubscriptionCheckpoint';

/** One event handed to consumers until it is acked, skipped or parked. */
interface Message {
  /** The record read from the source (a `$>` link when the source holds links). */
  record: number;
  /** Revision (stream groups) or position ($all groups): what checkpoints record. */
  sequence: number;
  /** What consumers ack: the source record's id. */
  id: string;
  retryCount: number;
  consumer: Consumer | undefined;
  deliveredAt: number;
  done: boolean;
  /** Replayed from the parked stream: outside the checkpointed sequence. */
  replayed: boolean;
}

export class Consumer {
  inFlight = 0;
  totalItems = 0;
  readonly latency = new LatencyStatistics();

  constructor(
    readonly call: PersistentReadCall,
    readonly bufferSize: number,
    readonly structuredIds: boolean,
    readonly connectionName: string,
    readonly username: string,
  ) {}

  get freeSlots(): number {
    return Math.max(0, this.bufferSize - this.inFlight);
  }
}

/**
 * The live state of one persistent subscription group: reads its source straight from the
 * store, hands events to connected consumers by the group's strategy within each consumer's
 * buffer, and tracks acks to checkpoint the lowest fully processed event. Delivery is
 * at-least-once: after a restart the group resumes after its last written checkpoint.
 */
export class PersistentGroup {
  readonly consumers: Consumer[] = [];
  private cursor = 0;
  /** Messages read from the source in order, oldest unfinished first (checkpoints advance over its done head). */
  private readonly window: Message[] = [];
  private windowHead = 0;
  private readonly outstanding = new Map<string, Message[]>();
  /** Messages to deliver again, in source order (replayed parked messages last), as the real server's retry buffer. */
  private readonly retries: Message[] = [];
  /** A message read from the source that no consumer had room for yet: it waits behind every retry. */
  private readAhead: Message | undefined;
  private lastProcessed: number | undefined;
  private lastCheckpointed: number | undefined;
  private processedSinceCheckpoint = 0;
  private lastCheckpointAt = Date.now();
  private nextConsumer = 0;
  private deliveredTotal = 0;
  private readonly filter: EventFilter | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: EventStore,
    readonly config: GroupConfig,
  ) {
    this.filter = config.filter ? new EventFilter(config.filter) : undefined;
    this.load();
    this.unsubscribe =
      config.source === ALL ? store.onCommit(() => this.pump()) : store.onStreamChange(config.source, () => this.pump());
  }

  get key(): string {
    return groupKey(this.config.source, this.config.group);
  }

  get checkpointStream(): string {
    return `$persistentsubscription-${this.key}-checkpoint`;
  }

  get parkedStream(): string {
    return `$persistentsubscription-${this.key}-parked`;
  }

  // ---------------------------------------------------------------- consumers

  connect(consumer: Consumer): void {
    this.consumers.push(consumer);
    const confirmation = new persistent.ReadResp.SubscriptionConfirmation().setSubscriptionId(this.key);
    consumer.call.write(new persistent.ReadResp().setSubscriptionConfirmation(confirmation));
    this.pump();
  }

  /** A consumer went away: what it held is retried elsewhere. */
  disconnect(consumer: Consumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index < 0) return;
    this.consumers.splice(index, 1);
    for (const messages of [...this.outstanding.values()]) {
      for (const message of messages.filter((m) => m.consumer === consumer)) {
        this.take(message.id, consumer);
        this.retry(message);
      }
    }
    this.pump();
  }

  /** Ends every consumer's call the way the server does when a group changes or goes away. */
  dropConsumers(): void {
    for (const consumer of this.consumers.splice(0)) {
      if (consumer.call.writableEnded) continue;
      consumer.call.emit(
        'error',
        persistentSubscriptionError(status.CANCELLED, 'persistent-subscription-dropped', this.config.source, this.config.group, 'Persistent subscription dropped.'),
      );
    }
  }

  ack(consumer: Consumer, ids: string[]): void {
    const now = Date.now();
    for (const id of ids) {
      const message = this.take(id, consumer);
      if (!message) continue;
      if (this.config.settings.extraStatistics) consumer.latency.record(now - message.deliveredAt);
      this.finish(message);
    }
    this.pump();
  }

  nack(consumer: Consumer, ids: string[], action: Persistent.ReadReq.Nack.Action): void {
    const Action = persistent.ReadReq.Nack.Action;
    for (const id of ids) {
      // Stop is not implemented by the real server either: the message stays in flight.
      if (action === Action.STOP) continue;
      const message = this.take(id, consumer);
      if (!message) continue;
      if (action === Action.PARK) this.park(message);
      else if (action === Action.SKIP) this.finish(message);
      else this.retry(message);
    }
    this.pump();
  }

  // ---------------------------------------------------------------- timers (ticked by the registry every second)

  tick(now: number): void {
    for (const messages of [...this.outstanding.values()]) {
      for (const message of messages) {
        if (now - message.deliveredAt < this.config.settings.messageTimeoutMs) continue;
        this.take(message.id, message.consumer);
        this.retry(message);
      }
    }
    const { minCheckpointCount, checkpointAfterMs } = this.config.settings;
    if (this.processedSinceCheckpoint >= Math.max(1, minCheckpointCount) && now - this.lastCheckpointAt >= checkpointAfterMs) {
      this.writeCheckpoint();
    }
    this.pump();
  }

  /** Writes the checkpoint (if it moved) and stops listening; consumers are dropped by the caller. */
  close(): void {
    this.unsubscribe();
    this.writeCheckpoint();
  }

  // ---------------------------------------------------------------- parked messages

  parkedCount(): number {
    const parked = this.store.stream(this.parkedStream);
    if (!parked) return 0;
    const range = visibleRange(parked, Date.now());
    return Math.max(0, range.last - range.first + 1);
  }

  /** Moves up to `limit` parked messages back into delivery, then truncates them from the parked stream. */
  replayParked(limit: number): void {
    const parked = this.store.stream(this.parkedStream);
    if (!parked) return;
    const range = visibleRange(parked, Date.now());
    let last = range.first - 1;
    for (let revision = range.first; revision <= range.last && revision - range.first < limit; revision++) {
      last = revision;
      if (parked.records[revision] < 0) continue;
      const target = resolveLink(this.store, parked.records[revision], Date.now());
      if (target < 0) continue;
      this.addRetry({
        record: target,
        sequence: -1,
        id: uuidBytesToText(this.store.eventId(target)),
        retryCount: 0,
        consumer: undefined,
        deliveredAt: 0,
        done: false,
        replayed: true,
      });
    }
    if (last >= range.first) {
      this.store.append([
        {
          stream: metastreamOf(this.parkedStream),
          expected: ANY,
          events: [{ id: newId(), type: METADATA_EVENT_TYPE, isJson: true, metadata: new Uint8Array(0), data: metadataWithTruncateBefore({}, last + 1) }],
        },
      ]);
    }
    this.pump();
  }

  // ---------------------------------------------------------------- info

  info(): Persistent.SubscriptionInfo {
    const { config } = this;
    const { settings } = config;
    const inFlight = [...this.outstanding.values()].reduce((sum, list) => sum + list.length, 0);
    const info = new persistent.SubscriptionInfo()
      .setEventSource(config.source)
      .setGroupName(config.group)
      .setStatus('Live')
      .setStartFrom(startFromText(config))
      .setResolveLinkTos(settings.resolveLinks)
      .setMessageTimeoutMilliseconds(settings.messageTimeoutMs)
      .setExtraStatistics(settings.extraStatistics)
      .setMaxRetryCount(settings.maxRetryCount)
      .setLiveBufferSize(settings.liveBufferSize)
      .setBufferSize(settings.historyBufferSize)
      .setReadBatchSize(settings.readBatchSize)
      .setCheckPointAfterMilliseconds(settings.checkpointAfterMs)
      .setMinCheckPointCount(settings.minCheckpointCount)
      .setMaxCheckPointCount(settings.maxCheckpointCount)
      .setMaxSubscriberCount(settings.maxSubscriberCount)
      .setNamedConsumerStrategy(settings.strategy)
      .setTotalItems(String(this.deliveredTotal))
      .setCountSinceLastMeasurement('0')
      .setAveragePerSecond(0)
      .setReadBufferCount(0)
      .setLiveBufferCount('0')
      .setRetryBufferCount(this.retries.length)
      .setTotalInFlightMessages(inFlight)
      .setOutstandingMessagesCount(inFlight)
      .setParkedMessageCount(String(this.parkedCount()))
      .setLastCheckpointedEventPosition(this.lastCheckpointed === undefined ? '' : this.sequenceText(this.lastCheckpointed))
      .setLastKnownEventPosition(this.lastKnownText());
    info.setConnectionsList(
      this.consumers.map((consumer) =>
        new persistent.SubscriptionInfo.ConnectionInfo()
          .setFrom(consumer.call.getPeer())
          .setUsername(consumer.username)
          .setConnectionName(consumer.connectionName)
          .setInFlightMessages(consumer.inFlight)
          .setAvailableSlots(consumer.freeSlots)
          .setTotalItems(String(consumer.totalItems))
          .setCountSinceLastMeasurement('0')
          .setAverageItemsPerSecond(0)
          .setObservedMeasurementsList(
            consumer.latency.measurements().map(([key, value]) => new persistent.SubscriptionInfo.Measurement().setKey(key).setValue(String(value))),
          ),
      ),
    );
    return info;
  }

  // ---------------------------------------------------------------- internals

  private load(): void {
    const { store, config } = this;
    const sequence = this.storedCheckpoint();
    if (sequence !== undefined) {
      this.lastProcessed = this.lastCheckpointed = sequence;
      this.cursor = config.source === ALL ? store.records.firstAtOrAfter(sequence + 1) : sequence + 1;
      return;
    }
    if (config.source === ALL) {
      this.cursor =
        config.startFrom === 'start' ? 0 : config.startFrom === 'end' ? store.records.count : store.records.firstAtOrAfter(config.startFrom);
    } else {
      const last = store.stream(config.source)?.lastRevision ?? -1;
      this.cursor = config.startFrom === 'start' ? 0 : config.startFrom === 'end' ? last + 1 : config.startFrom;
    }
  }

  /** The newest checkpoint written for this group, if it is readable. */
  private storedCheckpoint(): number | undefined {
    const { store } = this;
    const checkpoint = store.stream(this.checkpointStream);
    if (!checkpoint || checkpoint.lastRevision < 0) return undefined;
    try {
      const text = JSON.parse(store.data(checkpoint.records[checkpoint.lastRevision]).toString('utf8')) as unknown;
      const sequence = this.config.source === ALL ? Number(/^C:(\d+)/.exec(String(text))?.[1]) : Number(text);
      return Number.isInteger(sequence) && sequence >= 0 ? sequence : undefined;
    } catch {
      return undefined;
    }
  }

  /** Hands messages to consumers with free slots until either runs out. */
  private pump(): void {
    while (this.consumers.length > 0) {
      const fromRetries = this.retries.length > 0;
      const message = fromRetries ? this.retries[0] : (this.readAhead ??= this.readNext());
      if (!message) return;
      if (this.store.isScavenged(message.record)) {
        // A scavenge removed it while it waited: there is nothing left to deliver.
        if (fromRetries) this.retries.shift();
        else this.readAhead = undefined;
        this.finish(message);
        continue;
      }
      const consumer = this.pickConsumer(message);
      if (!consumer) return;
      if (fromRetries) this.retries.shift();
      else this.readAhead = undefined;
      this.deliver(message, consumer);
    }
  }

  private readNext(): Message | undefined {
    const { store } = this;
    if (this.config.source === ALL) {
      const { records } = store;
      while (this.cursor < records.count) {
        const record = this.cursor++;
        if (store.isScavenged(record) || store.streamById(records.streamId[record]).hiddenFromAll) continue;
        if (this.filter && !this.filter.matches(store, record)) continue;
        return this.track(record, records.position[record]);
      }
      return undefined;
    }
    const stream = store.stream(this.config.source);
    if (!stream) return undefined;
    // The source is read as a stream read would: events its metadata hides (or a scavenge removed) are skipped.
    const range = visibleRange(stream, Date.now());
    while (this.cursor <= stream.lastRevision) {
      const revision = this.cursor++;
      if (isVisible(store, stream, revision, range)) return this.track(stream.records[revision], revision);
    }
    return undefined;
  }

  private track(record: number, sequence: number): Message {
    const message: Message = {
      record,
      sequence,
      id: uuidBytesToText(this.store.eventId(record)),
      retryCount: 0,
      consumer: undefined,
      deliveredAt: 0,
      done: false,
      replayed: false,
    };
    this.window.push(message);
    return message;
  }

  private pickConsumer(message: Message): Consumer | undefined {
    const consumers = this.consumers;
    switch (this.config.settings.strategy) {
      case 'DispatchToSingle':
        return consumers.find((consumer) => consumer.freeSlots > 0);
      case 'Pinned':
      case 'PinnedByCorrelation': {
        const pinned = consumers[hash(this.pinKey(message)) % consumers.length];
        return pinned.freeSlots > 0 ? pinned : undefined;
      }
      default:
        for (let i = 0; i < consumers.length; i++) {
          const consumer = consumers[(this.nextConsumer + i) % consumers.length];
          if (consumer.freeSlots > 0) {
            this.nextConsumer = (this.nextConsumer + i + 1) % consumers.length;
            return consumer;
          }
        }
        return undefined;
    }
  }

  /** Pinned hashes the original stream; PinnedByCorrelation the event's `$correlationId`. */
  private pinKey(message: Message): string {
    const { store } = this;
    if (this.config.settings.strategy === 'PinnedByCorrelation') {
      try {
        const metadata = JSON.parse(store.customMetadata(message.record).toString('utf8')) as { $correlationId?: unknown };
        if (typeof metadata.$correlationId === 'string') return metadata.$correlationId;
      } catch {
        // no usable correlation id: fall back to the stream
      }
    }
    return store.streamById(store.records.streamId[message.record]).name;
  }

  private deliver(message: Message, consumer: Consumer): void {
    message.consumer = consumer;
    message.deliveredAt = Date.now();
    consumer.inFlight++;
    consumer.totalItems++;
    this.deliveredTotal++;
    const list = this.outstanding.get(message.id);
    if (list) list.push(message);
    else this.outstanding.set(message.id, [message]);
    consumer.call.write(this.response(message, consumer.structuredIds));
  }

  private response(message: Message, structuredIds: boolean): Persistent.ReadResp {
    const { store } = this;
    const readEvent = new persistent.ReadResp.ReadEvent()
      .setCommitPosition(String(store.records.position[message.record]))
      .setRetryCount(message.retryCount);
    if (this.config.settings.resolveLinks && isLinkRecord(store, message.record)) {
      const target = resolveLink(store, message.record, Date.now());
      if (target >= 0) readEvent.setEvent(recordedEvent(store, target, structuredIds));
      readEvent.setLink(recordedEvent(store, message.record, structuredIds));
    } else {
      readEvent.setEvent(recordedEvent(store, message.record, structuredIds));
    }
    return new persistent.ReadResp().setEvent(readEvent);
  }

  /** Removes an in-flight message by id (from `consumer`, when given) and frees its slot. */
  private take(id: string, consumer: Consumer | undefined): Message | undefined {
    const list = this.outstanding.get(id);
    if (!list) return undefined;
    const index = consumer ? list.findIndex((m) => m.consumer === consumer) : 0;
    if (index < 0) return undefined;
    const [message] = list.splice(index, 1);
    if (list.length === 0) this.outstanding.delete(id);
    if (message.consumer) message.consumer.inFlight--;
    message.consumer = undefined;
    return message;
  }

  private retry(message: Message): void {
    if (message.retryCount >= this.config.settings.maxRetryCount) {
      this.park(message);
      return;
    }
    message.retryCount++;
    this.addRetry(message);
  }

  /** Keeps retries in source order, so a retried event goes out before any later one. */
  private addRetry(message: Message): void {
    if (message.replayed) {
      this.retries.push(message);
      return;
    }
    const before = this.retries.findIndex((other) => !other.replayed && other.sequence > message.sequence);
    if (before < 0) this.retries.push(message);
    else this.retries.splice(before, 0, message);
  }

  private park(message: Message): void {
    const { store } = this;
    const record = message.record;
    const target = isLinkRecord(store, record)
      ? store.data(record).toString('utf8')
      : `${store.records.revision[record]}@${store.streamById(store.records.streamId[record]).name}`;
    const append: StreamAppend = {
      stream: this.parkedStream,
      expected: ANY,
      events: [{ id: newId(), type: LINK_EVENT_TYPE, isJson: false, metadata: Buffer.from(JSON.stringify({ $causedBy: message.id })), data: Buffer.from(target) }],
    };
    store.append([append]);
    this.finish(message);
  }

  private finish(message: Message): void {
    message.done = true;
    if (message.replayed) return;
    while (this.windowHead < this.window.length && this.window[this.windowHead].done) {
      this.lastProcessed = this.window[this.windowHead].sequence;
      this.windowHead++;
      this.processedSinceCheckpoint++;
    }
    if (this.windowHead > 1024 && this.windowHead * 2 > this.window.length) {
      this.window.splice(0, this.windowHead);
      this.windowHead = 0;
    }
    if (this.processedSinceCheckpoint >= Math.max(1, this.config.settings.maxCheckpointCount)) this.writeCheckpoint();
  }

  private writeCheckpoint(): void {
    // With nothing pending, everything read so far is processed.
    if (this.windowHead === this.window.length && this.retries.length === 0 && !this.readAhead) this.lastProcessed = this.lastReadSequence() ?? this.lastProcessed;
    if (this.lastProcessed === undefined || this.lastProcessed === this.lastCheckpointed) return;
    const text = this.sequenceText(this.lastProcessed);
    this.store.append([
      {
        stream: this.checkpointStream,
        expected: ANY,
        events: [{ id: newId(), type: CHECKPOINT_EVENT_TYPE, isJson: true, metadata: new Uint8Array(0), data: Buffer.from(JSON.stringify(text)) }],
      },
    ]);
    this.lastCheckpointed = this.lastProcessed;
    this.processedSinceCheckpoint = 0;
    this.lastCheckpointAt = Date.now();
  }

  private lastReadSequence(): number | undefined {
    const last = this.window.at(-1);
    return last ? last.sequence : undefined;
  }

  private sequenceText(sequence: number): string {
    return this.config.source === ALL ? `C:${sequence}/P:${sequence}` : String(sequence);
  }

  private lastKnownText(): string {
    const { store } = this;
    if (this.config.source === ALL) {
      const count = store.records.count;
      return count === 0 ? '' : this.sequenceText(store.records.position[count - 1]);
    }
    const last = store.stream(this.config.source)?.lastRevision ?? -1;
    return last < 0 ? '' : String(last);
  }
}

function recordedEvent(store: EventStore, record: number, structuredIds: boolean): Persistent.ReadResp.ReadEvent.RecordedEvent {
  const position = String(store.records.position[record]);
  const message = new persistent.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidBytesToMessage(store.eventId(record), structuredIds))
    .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(store.streamById(store.records.streamId[record]).nameBytes))
    .setStreamRevision(store.isTombstoneRecord(record) ? '9223372036854775807' : String(store.records.revision[record]))
    .setPreparePosition(position)
    .setCommitPosition(position)
    .setCustomMetadata(store.customMetadata(record))
    .setData(store.data(record));
  const metadata = message.getMetadataMap();
  metadata.set('type', store.typeName(store.records.typeId[record]));
  metadata.set('content-type', store.isJson(record) ? 'application/json' : 'application/octet-stream');
  metadata.set('created', `${store.createdMs(record)}0000`);
  return message;
}

function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193);
  return value >>> 0;
}

function newId(): Buffer {
  return uuidTextToBytes(randomUUID());
}
