import type { Document } from 'bson';
import { decode, encode } from '../bson/codec.js';
import { HEADER_SIZE, OpCode, ProtocolError, readCString, writeHeader } from './protocol.js';

export interface OpQueryRequest {
  readonly database: string;
  readonly collection: string;
  readonly query: Document;
}

/** Parses a legacy OP_QUERY; drivers only use it for the first `hello` on each connection. */
export function parseOpQuery(frame: Buffer): OpQueryRequest {
  let offset = HEADER_SIZE + 4; // flags are irrelevant for a command query
  const [namespace, afterName] = readCString(frame, offset, frame.length);
  offset = afterName + 8; // numberToSkip, numberToReturn
  if (offset + 5 > frame.length) throw new ProtocolError('truncated OP_QUERY');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > frame.length) throw new ProtocolError('invalid OP_QUERY document size');
  let query: Document;
  try {
    query = decode(frame.subarray(offset, offset + size));
  } catch {
    throw new ProtocolError('invalid BSON in OP_QUERY');
  }
  // Some clients wrap the command: {$query: {...}, $readPreference: ...}.
  if (query.$query && typeof query.$query === 'object') query = query.$query as Document;
  const dot = namespace.indexOf('.');
  return {
    database: dot < 0 ? namespace : namespace.slice(0, dot),
    collection: dot < 0 ? '' : namespace.slice(dot + 1),
    query,
  };
}

/** OP_REPLY carrying one document; AwaitCapable (bit 3) is set as real servers do. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const doc = encode(reply);
  const out = Buffer.allocUnsafe(HEADER_SIZE + 20 + doc.length);
  writeHeader(out, out.length, requestId, responseTo, OpCode.OP_REPLY);
  out.writeInt32LE(8, HEADER_SIZE); // responseFlags: AwaitCapable
  out.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  out.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  out.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  doc.copy(out, HEADER_SIZE + 20);
  return out;
}
