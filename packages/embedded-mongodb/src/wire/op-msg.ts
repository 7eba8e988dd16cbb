import type { Document } from 'bson';
import { decode, encode } from '../bson/codec.js';
import { CommandError } from '../errors.js';
import { HEADER_SIZE, MsgFlag, OpCode, ProtocolError, REQUIRED_FLAG_MASK, readCString, writeHeader } from './protocol.js';

export interface OpMsgRequest {
  readonly flags: number;
  readonly moreToCome: boolean;
  /** The command body with every document sequence merged in as an array field. */
  readonly body: Document;
}

/**
 * Parses an OP_MSG frame. Framing violations throw ProtocolError (connection closed);
 * malformed content throws CommandError (answered with an error reply).
 */
export function parseOpMsg(frame: Buffer): OpMsgRequest {
  if (frame.length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = frame.readUInt32LE(HEADER_SIZE);
  const known = MsgFlag.checksumPresent | MsgFlag.moreToCome;
  if ((flags & REQUIRED_FLAG_MASK & ~known) !== 0) {
    throw new ProtocolError(`Unrecognized required flags in OP_MSG: ${flags}`);
  }
  let end = frame.length;
  if (flags & MsgFlag.checksumPresent) {
    // The checksum is optional to verify; it must not be read as a section.
    end -= 4;
    if (end < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short for its checksum');
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences = new Map<string, Document[]>();
  while (offset < end) {
    const kind = frame[offset];
    offset += 1;
    if (kind === 0) {
      const size = readDocumentSize(frame, offset, end);
      if (body !== undefined) throw new CommandError(40430, 'Multiple body sections in message');
      body = decodeSafely(frame.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = frame.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError('invalid document sequence size');
      const [identifier, docsStart] = readCString(frame, offset + 4, sectionEnd);
      if (sequences.has(identifier)) throw new CommandError(40431, `Duplicate document sequence: ${identifier}`);
      const docs: Document[] = [];
      let p = docsStart;
      while (p < sectionEnd) {
        const docSize = readDocumentSize(frame, p, sectionEnd);
        docs.push(decodeSafely(frame.subarray(p, p + docSize)));
        p += docSize;
      }
      sequences.set(identifier, docs);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`Unknown section kind ${kind}`);
    }
  }
  if (body === undefined) throw new CommandError(40587, 'OP_MSG requests require a body section');
  for (const [identifier, docs] of sequences) {
    if (identifier in body) {
      throw new CommandError(40433, `Duplicate field between body and document sequence: ${identifier}`);
    }
    body[identifier] = docs;
  }
  return { flags, moreToCome: (flags & MsgFlag.moreToCome) !== 0, body };
}

function readDocumentSize(frame: Buffer, offset: number, end: number): number {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('BSON document size exceeds its section');
  return size;
}

function decodeSafely(bytes: Buffer): Document {
  try {
    return decode(bytes);
  } catch (err) {
    throw new CommandError(22, `invalid BSON: ${(err as Error).message}`);
  }
}

/** A reply is always flags 0 plus one kind-0 section: the driver rejects kind-1 and checksums in replies. */
export function encodeOpMsgReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const doc = encode(reply);
  const out = Buffer.allocUnsafe(HEADER_SIZE + 5 + doc.length);
  writeHeader(out, out.length, requestId, responseTo, OpCode.OP_MSG);
  out.writeUInt32LE(0, HEADER_SIZE);
  out[HEADER_SIZE + 4] = 0;
  doc.copy(out, HEADER_SIZE + 5);
  return out;
}
