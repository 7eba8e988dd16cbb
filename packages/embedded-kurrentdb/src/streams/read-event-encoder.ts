/**
 * Protobuf encoding of `ReadResp { event: ReadEvent }` straight from the log bytes.
 *
 * This is the one response not built from the generated message classes: reads of `$all` and
 * catch-up subscriptions send one per event, and building five jspb objects plus a map per event
 * halved end-to-end throughput in measurements (see README). The field layout follows
 * streams.proto; a spec decodes the output with the generated `ReadResp` class and compares it
 * with the class-built message, field by field, so the two cannot drift apart.
 */
import { R_ID } from '../log/log-format.js';
import type { EventStore } from '../store/event-store.js';

const JSON_CONTENT_TYPE = Buffer.from('application/json');
const BINARY_CONTENT_TYPE = Buffer.from('application/octet-stream');
const KEY_CONTENT_TYPE = Buffer.from('content-type');
const KEY_CREATED = Buffer.from('created');
const KEY_TYPE = Buffer.from('type');
/** i64 max, the revision of a `$streamDeleted` record, as a varint. */
const TOMBSTONE_REVISION = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
const HEX = Buffer.from('0123456789abcdef');

// Field tags: (field number << 3) | wire type.
const LEN = 2;
const VARINT = 0;
const tag = (field: number, wireType: number) => (field << 3) | wireType;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeVarint(buffer: Buffer, at: number, value: number): number {
  while (value >= 128) {
    buffer[at++] = (value % 128) | 128;
    value = Math.floor(value / 128);
  }
  buffer[at++] = value;
  return at;
}

/** Two's-complement int64 varint of a big-endian signed half of a UUID (always 10 bytes when negative). */
function int64Varint(half: bigint): Buffer {
  let value = BigInt.asUintN(64, half);
  const bytes: number[] = [];
  while (value >= 128n) {
    bytes.push(Number(value & 127n) | 128);
    value >>= 7n;
  }
  bytes.push(Number(value));
  return Buffer.from(bytes);
}

const fieldSize = (payload: number) => 1 + varintSize(payload) + payload;

interface Sizes {
  record: number;
  uuid: number;
  structured: number;
  msb?: Buffer;
  lsb?: Buffer;
  streamId: number;
  created: string;
}

export class ReadEventEncoder {
  constructor(
    private readonly store: EventStore,
    private readonly structuredIds: boolean,
  ) {}

  /**
   * `event` is the record to show (or -1 when a link could not be resolved), `link` the `$>`
   * record it was reached through (or -1), `commitPosition` the position the client checkpoints.
   */
  encode(event: number, link: number, commitPosition: number): Buffer {
    const eventSizes = event >= 0 ? this.sizes(event) : undefined;
    const linkSizes = link >= 0 ? this.sizes(link) : undefined;
    let readEvent = 1 + varintSize(commitPosition);
    if (eventSizes) readEvent += fieldSize(eventSizes.record);
    if (linkSizes) readEvent += fieldSize(linkSizes.record);
    const total = fieldSize(readEvent);
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    out[at++] = tag(1, LEN);
    at = writeVarint(out, at, readEvent);
    if (eventSizes) at = this.writeRecord(out, at, 1, event, eventSizes);
    if (linkSizes) at = this.writeRecord(out, at, 2, link, linkSizes);
    out[at++] = tag(3, VARINT);
    writeVarint(out, at, commitPosition);
    return out;
  }

  private sizes(record: number): Sizes {
    const store = this.store;
    const name = store.streamById(store.records.streamId[record]).nameBytes;
    const streamId = name.length > 0 ? fieldSize(name.length) : 0;
    let uuid: number;
    let structured = 0;
    let msb: Buffer | undefined;
    let lsb: Buffer | undefined;
    if (this.structuredIds) {
      const id = store.eventId(record);
      const high = id.readBigInt64BE(0);
      const low = id.readBigInt64BE(8);
      msb = high !== 0n ? int64Varint(high) : undefined;
      lsb = low !== 0n ? int64Varint(low) : undefined;
      structured = (msb ? 1 + msb.length : 0) + (lsb ? 1 + lsb.length : 0);
      uuid = fieldSize(structured);
    } else {
      uuid = fieldSize(36);
    }
    const created = `${store.createdMs(record)}0000`;
    const type = store.typeNameUtf8(store.records.typeId[record]);
    const contentType = store.isJson(record) ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE;
    const position = store.records.position[record];
    const revision = store.records.revision[record];
    let size = fieldSize(uuid) + fieldSize(streamId);
    if (store.isTombstoneRecord(record)) size += 1 + TOMBSTONE_REVISION.length;
    else if (revision !== 0) size += 1 + varintSize(revision);
    size += 2 * (1 + varintSize(position));
    size += fieldSize(mapEntrySize(KEY_CONTENT_TYPE.length, contentType.length));
    size += fieldSize(mapEntrySize(KEY_CREATED.length, created.length));
    size += fieldSize(mapEntrySize(KEY_TYPE.length, type.length));
    const metadata = store.customMetadata(record).length;
    const data = store.data(record).length;
    if (metadata > 0) size += fieldSize(metadata);
    if (data > 0) size += fieldSize(data);
    return { record: size, uuid, structured, msb, lsb, streamId, created };
  }

  private writeRecord(out: Buffer, at: number, field: number, record: number, sizes: Sizes): number {
    const store = this.store;
    out[at++] = tag(field, LEN);
    at = writeVarint(out, at, sizes.record);

    out[at++] = tag(1, LEN);
    at = writeVarint(out, at, sizes.uuid);
    if (this.structuredIds) {
      out[at++] = tag(1, LEN);
      at = writeVarint(out, at, sizes.structured);
      if (sizes.msb) {
        out[at++] = tag(1, VARINT);
        at += sizes.msb.copy(out, at);
      }
      if (sizes.lsb) {
        out[at++] = tag(2, VARINT);
        at += sizes.lsb.copy(out, at);
      }
    } else {
      out[at++] = tag(2, LEN);
      out[at++] = 36;
      at = writeUuidText(out, at, store.segmentOf(record), store.records.offset[record] + R_ID);
    }

    const name = store.streamById(store.records.streamId[record]).nameBytes;
    out[at++] = tag(2, LEN);
    at = writeVarint(out, at, sizes.streamId);
    if (name.length > 0) {
      out[at++] = tag(3, LEN);
      at = writeVarint(out, at, name.length);
      at += name.copy(out, at);
    }

    if (store.isTombstoneRecord(record)) {
      out[at++] = tag(3, VARINT);
      at += TOMBSTONE_REVISION.copy(out, at);
    } else if (store.records.revision[record] !== 0) {
      out[at++] = tag(3, VARINT);
      at = writeVarint(out, at, store.records.revision[record]);
    }
    const position = store.records.position[record];
    out[at++] = tag(4, VARINT);
    at = writeVarint(out, at, position);
    out[at++] = tag(5, VARINT);
    at = writeVarint(out, at, position);

    // Map entries in key order, as the generated writer emits them.
    at = writeMapEntry(out, at, KEY_CONTENT_TYPE, store.isJson(record) ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE);
    at = writeMapEntry(out, at, KEY_CREATED, sizes.created);
    at = writeMapEntry(out, at, KEY_TYPE, store.typeNameUtf8(store.records.typeId[record]));

    const metadata = store.customMetadata(record);
    if (metadata.length > 0) {
      out[at++] = tag(7, LEN);
      at = writeVarint(out, at, metadata.length);
      at += metadata.copy(out, at);
    }
    const data = store.data(record);
    if (data.length > 0) {
      out[at++] = tag(8, LEN);
      at = writeVarint(out, at, data.length);
      at += data.copy(out, at);
    }
    return at;
  }
}

function mapEntrySize(key: number, value: number): number {
  return fieldSize(key) + fieldSize(value);
}

function writeMapEntry(out: Buffer, at: number, key: Buffer, value: Buffer | string): number {
  const valueLength = typeof value === 'string' ? value.length : value.length;
  out[at++] = tag(6, LEN);
  at = writeVarint(out, at, mapEntrySize(key.length, valueLength));
  out[at++] = tag(1, LEN);
  at = writeVarint(out, at, key.length);
  at += key.copy(out, at);
  out[at++] = tag(2, LEN);
  at = writeVarint(out, at, valueLength);
  // `created` is ASCII digits, so its string length is its byte length.
  at += typeof value === 'string' ? out.write(value, at, 'latin1') : value.copy(out, at);
  return at;
}

/** Lowercase 8-4-4-4-12 text of 16 bytes, written in place. */
function writeUuidText(out: Buffer, at: number, source: Buffer, offset: number): number {
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[at++] = 0x2d;
    const byte = source[offset + i];
    out[at++] = HEX[byte >> 4];
    out[at++] = HEX[byte & 15];
  }
  return at;
}
