import { deserialize, serialize, type Document } from 'bson';

/**
 * How every document entering the server is decoded: int64 stays a Long and regexes keep their
 * BSON options, so values round-trip with their type; int32/double become JS numbers for mingo.
 */
const DECODE = { promoteLongs: false, bsonRegExp: true } as const;

export function decode(bytes: Uint8Array): Document {
  return deserialize(bytes, DECODE);
}

export function encode(doc: Document): Buffer {
  const bytes = serialize(doc);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
