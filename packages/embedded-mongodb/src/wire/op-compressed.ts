import { inflateSync } from 'node:zlib';
import { HEADER_SIZE, MAX_ACCEPTED_FRAME, OpCode, ProtocolError, writeHeader } from './protocol.js';

/** Compressors this server can inflate; advertised in hello only when the client offers them. */
export const SUPPORTED_COMPRESSORS = ['zlib'] as const;

const NOOP = 0;
const ZLIB = 2;

/** Rebuilds the original frame from an OP_COMPRESSED one (noop and zlib; snappy/zstd need native add-ons). */
export function decompressFrame(frame: Buffer): Buffer {
  if (frame.length < HEADER_SIZE + 9) throw new ProtocolError('truncated OP_COMPRESSED');
  const originalOpcode = frame.readInt32LE(HEADER_SIZE);
  const uncompressedSize = frame.readInt32LE(HEADER_SIZE + 4);
  const compressorId = frame[HEADER_SIZE + 8];
  if (originalOpcode === OpCode.OP_COMPRESSED) throw new ProtocolError('nested OP_COMPRESSED');
  if (uncompressedSize < 0 || uncompressedSize > MAX_ACCEPTED_FRAME) throw new ProtocolError('invalid uncompressed size');
  const payload = frame.subarray(HEADER_SIZE + 9);
  let body: Buffer;
  if (compressorId === NOOP) body = payload;
  else if (compressorId === ZLIB) {
    try {
      body = inflateSync(payload);
    } catch {
      throw new ProtocolError('invalid zlib payload');
    }
  } else throw new ProtocolError(`unsupported compressor ${compressorId}`);
  if (body.length !== uncompressedSize) throw new ProtocolError('uncompressed size mismatch');
  const out = Buffer.allocUnsafe(HEADER_SIZE + body.length);
  writeHeader(out, out.length, frame.readInt32LE(4), frame.readInt32LE(8), originalOpcode);
  body.copy(out, HEADER_SIZE);
  return out;
}
