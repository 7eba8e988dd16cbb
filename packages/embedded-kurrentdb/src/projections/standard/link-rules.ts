import { randomUUID } from 'node:crypto';
import { uuidBytesToText, uuidTextToBytes } from '../../grpc/uuid.js';
import type { ProposedEvent } from '../../store/append-request.js';
import { LINK_EVENT_TYPE, type EventStore } from '../../store/event-store.js';

/**
 * What one system projection links: for a source record, the `$>` links it writes, by target
 * stream. Every link carries the source position (`$p`), which is how a projection finds where
 * it stopped: after the source of its newest link.
 */
export interface LinkRule {
  readonly name: string;
  /** Streams this projection writes (to find its newest link on start). */
  owns(stream: string): boolean;
  linksFor(store: EventStore, record: number, add: (stream: string, link: ProposedEvent) => void): void;
}

const CATEGORY_PREFIX = '$ce-';
const EVENT_TYPE_PREFIX = '$et-';
const STREAM_CATEGORY_PREFIX = '$category-';
const STREAMS_STREAM = '$streams';
const CORRELATION_PREFIX = '$bc-';
const DELETED_TYPE_STREAM = `${EVENT_TYPE_PREFIX}$deleted`;

/** The text before the first dash; none when the name starts with `$` or a dash, or has none. */
function categoryOf(stream: string): string | undefined {
  if (stream.startsWith('$')) return undefined;
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : undefined;
}

function sourceName(store: EventStore, record: number): string {
  return store.streamById(store.records.streamId[record]).name;
}

/** "<revision>@<stream>" of the record, or of what it points at when it is itself a link. */
function targetOf(store: EventStore, record: number, stream: string): string {
  if (store.typeName(store.records.typeId[record]) === LINK_EVENT_TYPE) return store.data(record).toString('utf8');
  return `${store.isTombstoneRecord(record) ? '-1' : store.records.revision[record]}@${stream}`;
}

function linkEvent(store: EventStore, record: number, target: string, originalStream: string, deleted: boolean): ProposedEvent {
  const position = store.records.position[record];
  const metadata: Record<string, unknown> = {
    $v: '1:-1:1:4',
    $c: position,
    $p: position,
    $o: originalStream,
    $causedBy: uuidBytesToText(store.eventId(record)),
  };
  if (deleted) metadata.$deleted = -1;
  return { id: uuidTextToBytes(randomUUID()), type: LINK_EVENT_TYPE, isJson: false, metadata: Buffer.from(JSON.stringify(metadata)), data: Buffer.from(target) };
}

/** `$by_category`: every event of a categorised stream, and its tombstone, to `$ce-<category>`. */
const byCategory: LinkRule = {
  name: '$by_category',
  owns: (stream) => stream.startsWith(CATEGORY_PREFIX),
  linksFor(store, record, add) {
    const stream = sourceName(store, record);
    const category = categoryOf(stream);
    if (category === undefined) return;
    add(`${CATEGORY_PREFIX}${category}`, linkEvent(store, record, targetOf(store, record, stream), stream, store.isTombstoneRecord(record)));
  },
};

/** `$by_event_type`: every non-link event to `$et-<type>`, tombstones to `$et-$deleted`. */
const byEventType: LinkRule = {
  name: '$by_event_type',
  owns: (stream) => stream.startsWith(EVENT_TYPE_PREFIX),
  linksFor(store, record, add) {
    const stream = sourceName(store, record);
    if (stream.startsWith('$')) return;
    const type = store.typeName(store.records.typeId[record]);
    if (store.isTombstoneRecord(record)) {
      add(DELETED_TYPE_STREAM, linkEvent(store, record, targetOf(store, record, stream), stream, true));
    } else if (type !== LINK_EVENT_TYPE) {
      add(`${EVENT_TYPE_PREFIX}${type}`, linkEvent(store, record, targetOf(store, record, stream), stream, false));
    }
  },
};

function isFirstEventOfUserStream(store: EventStore, record: number, stream: string): boolean {
  return !stream.startsWith('$') && !store.isTombstoneRecord(record) && store.records.revision[record] === 0;
}

/** `$stream_by_category`: the first event of each new stream to `$category-<category>`. */
const streamByCategory: LinkRule = {
  name: '$stream_by_category',
  owns: (stream) => stream.startsWith(STREAM_CATEGORY_PREFIX),
  linksFor(store, record, add) {
    const stream = sourceName(store, record);
    const category = categoryOf(stream);
    if (category === undefined || !isFirstEventOfUserStream(store, record, stream)) return;
    add(`${STREAM_CATEGORY_PREFIX}${category}`, linkEvent(store, record, `0@${stream}`, stream, false));
  },
};

/** `$streams`: the first event of each new stream to `$streams`. */
const streams: LinkRule = {
  name: '$streams',
  owns: (stream) => stream === STREAMS_STREAM,
  linksFor(store, record, add) {
    const stream = sourceName(store, record);
    if (!isFirstEventOfUserStream(store, record, stream)) return;
    add(STREAMS_STREAM, linkEvent(store, record, `0@${stream}`, stream, false));
  },
};

/** `$by_correlation_id`: events whose metadata has a `$correlationId` to `$bc-<id>`. */
const byCorrelationId: LinkRule = {
  name: '$by_correlation_id',
  owns: (stream) => stream.startsWith(CORRELATION_PREFIX),
  linksFor(store, record, add) {
    const stream = sourceName(store, record);
    if (stream.startsWith('$') || store.typeName(store.records.typeId[record]) === LINK_EVENT_TYPE) return;
    const metadata = store.customMetadata(record);
    // Cheap test first: most events carry no correlation id at all.
    if (metadata.length === 0 || metadata.indexOf('$correlationId') < 0) return;
    let id: unknown;
    try {
      id = (JSON.parse(metadata.toString('utf8')) as { $correlationId?: unknown }).$correlationId;
    } catch {
      return;
    }
    if (typeof id !== 'string' || id === '') return;
    add(`${CORRELATION_PREFIX}${id}`, linkEvent(store, record, targetOf(store, record, stream), stream, false));
  },
};

/** In the order a real node lists them. */
export const STANDARD_PROJECTIONS: readonly LinkRule[] = [byCategory, byEventType, byCorrelationId, streamByCategory, streams];
