import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

/** A raw wire-protocol client for the byte-level specs (what a driver would never send). */
export class RawClient {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;
  private nextId = 1;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async open(uri: string): Promise<RawClient> {
    const { hostname, port } = new URL(uri.replace(/^mongodb:\/\//, 'http://').split(',')[0]);
    const socket = connect(Number(port || 27017), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  requestId(): number {
    return this.nextId++;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with the next whole reply frame, or undefined when the server closed the socket. */
  async readFrame(): Promise<Buffer | undefined> {
    for (;;) {
      if (this.buffer.length >= 4) {
        const length = this.buffer.readInt32LE(0);
        if (this.buffer.length >= length) {
          const frame = this.buffer.subarray(0, length);
          this.buffer = this.buffer.subarray(length);
          return frame;
        }
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves true once the server has closed the connection. */
  async waitClosed(): Promise<boolean> {
    while (!this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }

  close(): void {
    this.socket.destroy();
  }
}

const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32C (Castagnoli), the OP_MSG checksum. */
export function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC32C_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Appends a valid checksum and sets the checksumPresent flag. */
export function withChecksum(message: Buffer): Buffer {
  const out = Buffer.alloc(message.length + 4);
  message.copy(out);
  out.writeInt32LE(out.length, 0);
  out.writeUInt32LE(out.readUInt32LE(16) | 1, 16);
  out.writeUInt32LE(crc32c(out.subarray(0, message.length)), message.length);
  return out;
}

export function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export type Section = { kind: 0; doc: Document } | { kind: 1; identifier: string; docs: Document[] } | { kind: number; raw: Buffer };

export function opMsg(requestId: number, flags: number, sections: Section[], trailer: Buffer = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [];
  for (const s of sections) {
    if ('doc' in s) parts.push(Buffer.from([0]), Buffer.from(serialize(s.doc)));
    else if ('docs' in s) {
      const body = Buffer.concat([Buffer.from(`${s.identifier}\0`), ...s.docs.map((d) => Buffer.from(serialize(d)))]);
      const size = Buffer.alloc(4);
      size.writeInt32LE(body.length + 4, 0);
      parts.push(Buffer.from([1]), size, body);
    } else parts.push(Buffer.from([s.kind]), s.raw);
  }
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags >>> 0, 0);
  const payload = Buffer.concat([flagBytes, ...parts, trailer]);
  return Buffer.concat([header(16 + payload.length, requestId, 2013), payload]);
}

export function opQuery(requestId: number, namespace: string, query: Document): Buffer {
  const flags = Buffer.alloc(4);
  const ns = Buffer.from(`${namespace}\0`);
  const counts = Buffer.alloc(8);
  counts.writeInt32LE(0, 0);
  counts.writeInt32LE(-1, 4);
  const payload = Buffer.concat([flags, ns, counts, Buffer.from(serialize(query))]);
  return Buffer.concat([header(16 + payload.length, requestId, 2004), payload]);
}

/** Decodes an OP_MSG reply, checking it is flags 0 plus exactly one kind-0 section. */
export function replyBody(frame: Buffer): { responseTo: number; flags: number; doc: Document; sectionKinds: number[] } {
  const responseTo = frame.readInt32LE(8);
  const flags = frame.readUInt32LE(16);
  const kinds: number[] = [];
  let offset = 20;
  let doc: Document = {};
  while (offset < frame.length) {
    kinds.push(frame[offset]);
    const size = frame.readInt32LE(offset + 1);
    doc = deserialize(frame.subarray(offset + 1, offset + 1 + size));
    offset += 1 + size;
  }
  return { responseTo, flags, doc, sectionKinds: kinds };
}
