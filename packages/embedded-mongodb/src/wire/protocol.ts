/** Opcodes and limits of the MongoDB wire protocol that this server speaks. */
export const OpCode = {
  OP_REPLY: 1,
  OP_QUERY: 2004,
  OP_COMPRESSED: 2012,
  OP_MSG: 2013,
} as const;

export const MsgFlag = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

/** Bits 0-15 are "required": an unknown one set there is a protocol violation. */
export const REQUIRED_FLAG_MASK = 0xffff;

export const HEADER_SIZE = 16;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;
/** The driver packs batches up to maxMessageSizeBytes; leave room for the command envelope. */
export const MAX_ACCEPTED_FRAME = MAX_MESSAGE_SIZE + 16 * 1024 * 1024;

export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

export function readHeader(frame: Buffer): MessageHeader {
  return {
    messageLength: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

export function writeHeader(target: Buffer, messageLength: number, requestId: number, responseTo: number, opCode: number): void {
  target.writeInt32LE(messageLength, 0);
  target.writeInt32LE(requestId, 4);
  target.writeInt32LE(responseTo, 8);
  target.writeInt32LE(opCode, 12);
}

/** A framing violation: the only reason the server closes a connection. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Reads a NUL-terminated UTF-8 string; returns it and the offset after the terminator. */
export function readCString(buf: Buffer, offset: number, end: number): [string, number] {
  const nul = buf.indexOf(0, offset);
  if (nul < 0 || nul >= end) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, nul), nul + 1];
}
