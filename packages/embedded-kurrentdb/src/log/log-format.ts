/**
 * Byte layout shared by the log file and the in-memory copy of it: the server keeps the very
 * bytes it wrote, so recovery is a read plus an index rebuild, and no event becomes a JS object
 * graph until it is sent.
 *
 * File:   header (64 bytes), then frames back to back.
 * Frame:  u32 body length, u32 crc32(body), body. One frame is one atomic commit.
 * Body:   u8 kind, 3 reserved, u32 definition count, u32 record count, definitions, records.
 * A definition gives a stream name or an event type its numeric id the first time it is used,
 * so records carry 4-byte ids instead of repeating names.
 *
 * A record's position is the log offset its commit was written at plus its offset in the frame.
 * A scavenge rewrites the log without what it removes; the records it keeps go into relocated
 * frames (kind 2), which carry each record's original position and the log offset the next
 * commit starts at, so positions never change and never repeat. Such a log has format version 2.
 */
import { crc32 } from 'node:zlib';

export const FILE_MAGIC = Buffer.from('OBKDBLOG', 'ascii');
/** Version of a log written by appends only; a scavenged log is version 2. */
export const FORMAT_VERSION = 1;
export const SCAVENGED_FORMAT_VERSION = 2;
export const FILE_HEADER_SIZE = 64;
const HEADER_CRC_OFFSET = 60;

export const FRAME_HEADER_SIZE = 8;
/** Anything larger is not a frame this server could have written (one append is capped well below). */
export const MAX_FRAME_BODY = 1024 * 1024 * 1024;

export const FRAME_KIND_COMMIT = 1;
export const FRAME_KIND_RELOCATED = 2;
const BODY_HEADER_SIZE = 12;
/** Relocated frames: f64 next commit offset, then one f64 position per record. */
const RELOCATED_HEADER_SIZE = 8;

export const DEFINITION_STREAM = 1;
export const DEFINITION_TYPE = 2;
const DEFINITION_HEADER_SIZE = 8;
export const MAX_NAME_BYTES = 0xffff;

export const RECORD_FLAG_JSON = 1;
/** A `$streamDeleted` record: its revision is i64 max whatever the stored number says. */
export const RECORD_FLAG_TOMBSTONE = 2;
/** In memory only: the record was removed by a scavenge (its row stays so record numbers stay valid). */
export const RECORD_FLAG_SCAVENGED = 4;

// Record field offsets, relative to the start of the record.
export const R_LENGTH = 0;
export const R_FLAGS = 4;
export const R_STREAM = 8;
export const R_TYPE = 12;
export const R_REVISION = 16;
export const R_CREATED = 24;
export const R_ID = 32;
export const R_METADATA_LENGTH = 48;
export const R_DATA_LENGTH = 52;
export const RECORD_HEADER_SIZE = 56;

export interface Definition {
  kind: typeof DEFINITION_STREAM | typeof DEFINITION_TYPE;
  id: number;
  name: Buffer;
}

export interface RecordToWrite {
  flags: number;
  streamId: number;
  typeId: number;
  revision: number;
  createdMs: number;
  id: Buffer;
  metadata: Uint8Array;
  data: Uint8Array;
}

export function frameSize(definitions: readonly Definition[], records: readonly RecordToWrite[]): number {
  let size = FRAME_HEADER_SIZE + BODY_HEADER_SIZE;
  for (const d of definitions) size += DEFINITION_HEADER_SIZE + d.name.length;
  for (const r of records) size += RECORD_HEADER_SIZE + r.metadata.length + r.data.length;
  return size;
}

/**
 * Writes one commit frame at `offset` and returns each record's offset relative to the frame start.
 * The caller has reserved exactly `frameSize(...)` bytes.
 */
export function writeFrame(
  target: Buffer,
  offset: number,
  definitions: readonly Definition[],
  records: readonly RecordToWrite[],
): number[] {
  const body = offset + FRAME_HEADER_SIZE;
  target.writeUInt8(FRAME_KIND_COMMIT, body);
  target.fill(0, body + 1, body + 4);
  target.writeUInt32LE(definitions.length, body + 4);
  target.writeUInt32LE(records.length, body + 8);
  let at = writeDefinitions(target, body + BODY_HEADER_SIZE, definitions);
  const recordOffsets: number[] = [];
  for (const r of records) {
    recordOffsets.push(at - offset);
    const length = RECORD_HEADER_SIZE + r.metadata.length + r.data.length;
    target.writeUInt32LE(length, at + R_LENGTH);
    target.writeUInt8(r.flags, at + R_FLAGS);
    target.fill(0, at + R_FLAGS + 1, at + R_STREAM);
    target.writeUInt32LE(r.streamId, at + R_STREAM);
    target.writeUInt32LE(r.typeId, at + R_TYPE);
    target.writeDoubleLE(r.revision, at + R_REVISION);
    target.writeDoubleLE(r.createdMs, at + R_CREATED);
    r.id.copy(target, at + R_ID, 0, 16);
    target.writeUInt32LE(r.metadata.length, at + R_METADATA_LENGTH);
    target.writeUInt32LE(r.data.length, at + R_DATA_LENGTH);
    target.set(r.metadata, at + RECORD_HEADER_SIZE);
    target.set(r.data, at + RECORD_HEADER_SIZE + r.metadata.length);
    at += length;
  }
  const bodyLength = at - body;
  target.writeUInt32LE(bodyLength, offset);
  target.writeUInt32LE(crc32(target.subarray(body, at)), offset + 4);
  return recordOffsets;
}

/**
 * Calls back for each definition and record of a frame already known to be intact. Records of a
 * relocated frame come with their position; the result is then the offset the next commit
 * starts at (undefined for ordinary commits, whose size gives it).
 */
export function walkFrame(
  buffer: Buffer,
  offset: number,
  onDefinition: (kind: number, id: number, name: string) => void,
  onRecord: (recordOffsetInFrame: number, position: number | undefined) => void,
): number | undefined {
  const body = offset + FRAME_HEADER_SIZE;
  const relocated = buffer.readUInt8(body) === FRAME_KIND_RELOCATED;
  const definitionCount = buffer.readUInt32LE(body + 4);
  const recordCount = buffer.readUInt32LE(body + 8);
  let at = body + BODY_HEADER_SIZE;
  let nextCommitOffset: number | undefined;
  let positions = 0;
  if (relocated) {
    nextCommitOffset = buffer.readDoubleLE(at);
    positions = at + RELOCATED_HEADER_SIZE;
    at = positions + 8 * recordCount;
  }
  for (let i = 0; i < definitionCount; i++) {
    const nameLength = buffer.readUInt16LE(at + 2);
    const start = at + DEFINITION_HEADER_SIZE;
    onDefinition(buffer.readUInt8(at), buffer.readUInt32LE(at + 4), buffer.toString('utf8', start, start + nameLength));
    at = start + nameLength;
  }
  for (let i = 0; i < recordCount; i++) {
    onRecord(at - offset, relocated ? buffer.readDoubleLE(positions + 8 * i) : undefined);
    at += buffer.readUInt32LE(at + R_LENGTH);
  }
  return nextCommitOffset;
}

/** A kept record for a relocated frame: its bytes as they are in memory, and its position. */
export interface RelocatedRecord {
  bytes: Buffer;
  position: number;
}

export function relocatedFrameSize(definitions: readonly Definition[], records: readonly RelocatedRecord[]): number {
  let size = FRAME_HEADER_SIZE + BODY_HEADER_SIZE + RELOCATED_HEADER_SIZE + 8 * records.length;
  for (const d of definitions) size += DEFINITION_HEADER_SIZE + d.name.length;
  for (const r of records) size += r.bytes.length;
  return size;
}

/** Writes a relocated frame at `offset`; returns each record's offset relative to the frame start. */
export function writeRelocatedFrame(
  target: Buffer,
  offset: number,
  definitions: readonly Definition[],
  records: readonly RelocatedRecord[],
  nextCommitOffset: number,
): number[] {
  const body = offset + FRAME_HEADER_SIZE;
  target.writeUInt8(FRAME_KIND_RELOCATED, body);
  target.fill(0, body + 1, body + 4);
  target.writeUInt32LE(definitions.length, body + 4);
  target.writeUInt32LE(records.length, body + 8);
  let at = body + BODY_HEADER_SIZE;
  target.writeDoubleLE(nextCommitOffset, at);
  at += RELOCATED_HEADER_SIZE;
  for (const r of records) {
    target.writeDoubleLE(r.position, at);
    at += 8;
  }
  at = writeDefinitions(target, at, definitions);
  const recordOffsets: number[] = [];
  for (const r of records) {
    recordOffsets.push(at - offset);
    r.bytes.copy(target, at);
    at += r.bytes.length;
  }
  target.writeUInt32LE(at - body, offset);
  target.writeUInt32LE(crc32(target.subarray(body, at)), offset + 4);
  return recordOffsets;
}

function writeDefinitions(target: Buffer, start: number, definitions: readonly Definition[]): number {
  let at = start;
  for (const d of definitions) {
    target.writeUInt8(d.kind, at);
    target.writeUInt8(0, at + 1);
    target.writeUInt16LE(d.name.length, at + 2);
    target.writeUInt32LE(d.id, at + 4);
    d.name.copy(target, at + DEFINITION_HEADER_SIZE);
    at += DEFINITION_HEADER_SIZE + d.name.length;
  }
  return at;
}

export type FrameCheck =
  | { kind: 'ok'; size: number }
  | { kind: 'incomplete' }
  | { kind: 'bad'; reason: string };

/** Checks the frame starting at `offset`, given that `available` bytes of it are in `buffer`. */
export function checkFrame(buffer: Buffer, offset: number, available: number): FrameCheck {
  if (available < FRAME_HEADER_SIZE) return { kind: 'incomplete' };
  const bodyLength = buffer.readUInt32LE(offset);
  if (bodyLength < BODY_HEADER_SIZE || bodyLength > MAX_FRAME_BODY) {
    return { kind: 'bad', reason: `impossible frame length ${bodyLength}` };
  }
  const size = FRAME_HEADER_SIZE + bodyLength;
  if (available < size) return { kind: 'incomplete' };
  const body = buffer.subarray(offset + FRAME_HEADER_SIZE, offset + size);
  if (crc32(body) !== buffer.readUInt32LE(offset + 4)) return { kind: 'bad', reason: 'checksum mismatch' };
  const kind = body.readUInt8(0);
  if (kind !== FRAME_KIND_COMMIT && kind !== FRAME_KIND_RELOCATED) return { kind: 'bad', reason: `unknown frame kind ${kind}` };
  return { kind: 'ok', size };
}

/** Reads the declared size of a frame (only meaningful once `checkFrame` said it is not bad). */
export function declaredFrameSize(buffer: Buffer, offset: number): number {
  return FRAME_HEADER_SIZE + buffer.readUInt32LE(offset);
}

export function writeFileHeader(storeId: Buffer, version = FORMAT_VERSION): Buffer {
  const header = Buffer.alloc(FILE_HEADER_SIZE);
  FILE_MAGIC.copy(header, 0);
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(FILE_HEADER_SIZE, 12);
  storeId.copy(header, 16, 0, 16);
  header.writeUInt32LE(crc32(header.subarray(0, HEADER_CRC_OFFSET)), HEADER_CRC_OFFSET);
  return header;
}

/** Returns why the bytes are not a header of ours, or undefined when they are. */
export function fileHeaderProblem(header: Buffer): string | undefined {
  if (header.length < FILE_HEADER_SIZE || !header.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
    return 'it does not start with the embedded KurrentDB log signature';
  }
  const version = header.readUInt32LE(8);
  if (version !== FORMAT_VERSION && version !== SCAVENGED_FORMAT_VERSION) {
    return `its format version ${version} is not supported (expected ${FORMAT_VERSION} or ${SCAVENGED_FORMAT_VERSION})`;
  }
  if (header.readUInt32LE(HEADER_CRC_OFFSET) !== crc32(header.subarray(0, HEADER_CRC_OFFSET))) {
    return 'its header checksum does not match';
  }
  return undefined;
}
