import type { Document } from 'bson';
import { bsonKind, isPlainObject } from '../bson/bson-kind.js';
import { toNumber } from '../bson/bson-numbers.js';
import { CommandError, ErrorCode } from '../errors.js';

/**
 * Time-series collections are stored as ordinary collections of their measurements (no
 * buckets), but are created, listed and validated as MongoDB's are, and their
 * `expireAfterSeconds` removes measurements whose whole bucket span has expired.
 */
const BUCKET_SPAN_SECONDS: Record<string, number> = { seconds: 3600, minutes: 86400, hours: 2592000 };

/** The `timeseries` option as MongoDB stores and lists it (granularity and bucket span filled in). */
export function normalizeTimeseriesOptions(raw: unknown): Document {
  if (!isPlainObject(raw)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'create.timeseries' is the wrong type, expected type 'object'");
  if (typeof raw.timeField !== 'string') throw new CommandError(40414, "BSON field 'create.timeseries.timeField' is missing but a required field");
  const granularity = raw.granularity === undefined ? 'seconds' : String(raw.granularity);
  if (!(granularity in BUCKET_SPAN_SECONDS)) {
    throw new CommandError(ErrorCode.BadValue, `Enumeration value '${granularity}' for field 'create.timeseries.granularity' is not a valid value.`);
  }
  const out: Document = { timeField: raw.timeField };
  if (raw.metaField !== undefined) out.metaField = raw.metaField;
  out.granularity = granularity;
  out.bucketMaxSpanSeconds = raw.bucketMaxSpanSeconds ?? BUCKET_SPAN_SECONDS[granularity];
  return out;
}

export function assertMeasurement(options: Document, doc: Document): void {
  const timeseries = options.timeseries as Document | undefined;
  if (!timeseries) return;
  const field = String(timeseries.timeField);
  if (bsonKind(doc[field]) !== 'date') {
    throw new CommandError(ErrorCode.BadValue, `'${field}' must be present and contain a valid BSON UTC datetime value`);
  }
}

/** Whether a measurement's bucket (its time rounded down to the bucket span, plus the span) has expired. */
export function measurementExpired(options: Document, doc: Document, now: number): boolean {
  const timeseries = options.timeseries as Document | undefined;
  if (!timeseries || options.expireAfterSeconds === undefined) return false;
  const time = doc[String(timeseries.timeField)];
  if (!(time instanceof Date)) return false;
  const spanMs = toNumber(timeseries.bucketMaxSpanSeconds) * 1000;
  const bucketEnd = Math.floor(time.getTime() / spanMs) * spanMs + spanMs;
  return bucketEnd + toNumber(options.expireAfterSeconds) * 1000 < now;
}
