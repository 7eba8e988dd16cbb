import { HEADER_SIZE, MAX_ACCEPTED_FRAME, ProtocolError } from './protocol.js';

/**
 * Cuts a TCP byte stream into whole wire-protocol messages on `messageLength`.
 * Chunks are kept in a list and joined once per frame so a 48 MB batch is not re-copied per packet.
 */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds bytes and returns every complete frame now available. Throws ProtocolError on a bad length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const length = this.peekLength();
      if (length < HEADER_SIZE || length > MAX_ACCEPTED_FRAME) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      frames.push(this.take(length));
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32LE(0);
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 4));
    return head.readInt32LE(0);
  }

  private take(length: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const frame = joined.subarray(0, length);
    const rest = joined.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}
