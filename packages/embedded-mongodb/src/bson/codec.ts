import { deserialize, serialize, type Document } from 'bson';
import { promoteDecoded } from './doubles.js';

/**
 * How every document entering the server is decoded: int64 stays a Long, regexes keep their BSON
 * options and a double with a whole value stays a Double, so values round-trip with their type;
 * int32 and other doubles become JS numbers for mingo (see doubles.ts).
 */
const DECODE = { promoteLongs: false, promoteValues: false, bsonRegExp: true } as const;

export function decode(bytes: Uint8Array): Document {
  return promoteDecoded(deserialize(bytes, DECODE)) as Document;
}

export function encode(doc: Document): Buffer {
  const bytes = serialize(doc);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
