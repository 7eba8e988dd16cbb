import { shared, type Shared } from './protocol.js';

/** Event ids are kept as 16 raw bytes; the wire carries them as text or as two signed 64-bit halves. */
export const UUID_BYTES = 16;

const UUID_TEXT = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

export class InvalidUuidError extends Error {}

export function uuidTextToBytes(text: string, target: Buffer = Buffer.allocUnsafe(UUID_BYTES), offset = 0): Buffer {
  if (!UUID_TEXT.test(text)) throw new InvalidUuidError(`'${text}' is not a UUID`);
  const hex = text.length === 36 ? text.replace(/-/g, '') : text;
  target.write(hex, offset, UUID_BYTES, 'hex');
  return target;
}

export function uuidBytesToText(bytes: Uint8Array, offset = 0): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + offset, UUID_BYTES).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Reads a protocol UUID in either of its two shapes. */
export function uuidMessageToBytes(uuid: Shared.UUID | undefined): Buffer {
  if (!uuid) throw new InvalidUuidError('missing UUID');
  if (uuid.hasString()) return uuidTextToBytes(uuid.getString());
  const structured = uuid.getStructured();
  if (!structured) throw new InvalidUuidError('empty UUID');
  const bytes = Buffer.allocUnsafe(UUID_BYTES);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  return bytes;
}

export function uuidBytesToMessage(bytes: Uint8Array, structured: boolean, offset = 0): Shared.UUID {
  const uuid = new shared.UUID();
  if (structured) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + offset, UUID_BYTES);
    const halves = new shared.UUID.Structured();
    halves.setMostSignificantBits(view.readBigInt64BE(0).toString());
    halves.setLeastSignificantBits(view.readBigInt64BE(8).toString());
    uuid.setStructured(halves);
  } else {
    uuid.setString(uuidBytesToText(bytes, offset));
  }
  return uuid;
}
