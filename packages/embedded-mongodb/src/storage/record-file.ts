import { crc32 } from 'node:zlib';
import type { Document } from 'bson';
import { decode, encode } from '../bson/codec.js';

/**
 * The framing shared by journal and snapshot files: `[u32 length][u32 crc32][BSON payload]`.
 * The checksum lets recovery tell a torn final write (expected after kill -9, never acknowledged)
 * from damaged data (refused).
 */
const FRAME_HEADER = 8;

export class CorruptDataError extends Error {
  override name = 'CorruptDataError';
}

export function encodeRecord(doc: Document): Buffer {
  const payload = encode(doc);
  const out = Buffer.allocUnsafe(FRAME_HEADER + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  payload.copy(out, FRAME_HEADER);
  return out;
}

export interface ScanResult {
  /** Offset just past the last complete record. */
  readonly validEnd: number;
  /** Bytes after validEnd that do not form a complete record (a torn append). */
  readonly tornBytes: number;
}

/** Decodes every complete record; a bad checksum or undecodable record is corruption. */
export function scanRecords(bytes: Buffer, file: string, onRecord: (doc: Document) => void): ScanResult {
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < FRAME_HEADER) break;
    const length = bytes.readUInt32LE(offset);
    const end = offset + FRAME_HEADER + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + FRAME_HEADER, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) {
      throw new CorruptDataError(`${file}: checksum mismatch in the record at byte ${offset}`);
    }
    let doc: Document;
    try {
      doc = decode(payload);
    } catch (err) {
      throw new CorruptDataError(`${file}: undecodable record at byte ${offset}: ${(err as Error).message}`);
    }
    onRecord(doc);
    offset = end;
  }
  return { validEnd: offset, tornBytes: bytes.length - offset };
}
