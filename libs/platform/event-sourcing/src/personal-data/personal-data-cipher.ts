import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Prefix of a sealed value: the format's version, so another algorithm can be read side by side later. */
const sealedPrefix = 'pd1:';
const algorithm = 'aes-256-gcm';
const ivBytes = 12;
const tagBytes = 16;
export const personalDataKeyBytes = 32;

/**
 * Encrypts one value (any JSON) with AES-256-GCM under a subject's key: a fresh random IV each
 * time, and `context` (the stream and field it belongs to) as additional authenticated data, so a
 * sealed value copied into another stream or field fails to open instead of passing for it.
 * The result is `pd1:` + base64(IV | tag | ciphertext).
 */
export function sealValue(key: Buffer, value: unknown, context: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return sealedPrefix + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The value `sealValue` sealed; throws when the key, the context or the bytes are not the ones it was sealed with. */
export function openValue(key: Buffer, sealed: string, context: string): unknown {
  if (!isSealedValue(sealed)) throw new Error('not a sealed value');
  const bytes = Buffer.from(sealed.slice(sealedPrefix.length), 'base64');
  const decipher = createDecipheriv(algorithm, key, bytes.subarray(0, ivBytes), { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
  const plain = Buffer.concat([decipher.update(bytes.subarray(ivBytes + tagBytes)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

export function isSealedValue(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(sealedPrefix);
}
