/**
 * Stream metadata is the JSON of the latest `$metadata` event in `$$<stream>`. Only the keys that
 * change what a stream read returns are interpreted; the rest is kept for rewrites.
 */
export interface StreamMetadata {
  readonly maxCount?: number;
  readonly maxAgeSeconds?: number;
  /** Events with a lower revision are hidden. */
  readonly truncateBefore?: number;
  /** `$tb` = i64 max: the stream was soft-deleted. */
  readonly softDeleted: boolean;
  readonly raw: Record<string, unknown>;
}

export const NO_METADATA: StreamMetadata = { softDeleted: false, raw: {} };

/** The exact digits of i64 max, which JSON.parse would round. */
const SOFT_DELETE_TRUNCATE_BEFORE = '9223372036854775807';

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function parseStreamMetadata(json: Uint8Array): StreamMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  } catch {
    return NO_METADATA;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return NO_METADATA;
  const fields = raw as Record<string, unknown>;
  const tb = fields.$tb;
  // Anything at or past 2^53 can only be i64 max once parsed, which is the soft-delete marker.
  const softDeleted = typeof tb === 'number' && tb >= Number.MAX_SAFE_INTEGER;
  return {
    maxCount: positiveInteger(fields.$maxCount),
    maxAgeSeconds: positiveInteger(fields.$maxAge),
    truncateBefore: softDeleted ? undefined : typeof tb === 'number' && tb >= 0 ? Math.floor(tb) : undefined,
    softDeleted,
    raw: fields,
  };
}

/** Metadata JSON with `$tb` replaced; `'soft-delete'` writes exactly `{"$tb": i64 max}` plus nothing else. */
export function metadataWithTruncateBefore(raw: Record<string, unknown>, truncateBefore: number | 'soft-delete'): Buffer {
  if (truncateBefore === 'soft-delete') return Buffer.from(`{"$tb":${SOFT_DELETE_TRUNCATE_BEFORE}}`);
  const rest = { ...raw };
  delete rest.$tb;
  return Buffer.from(JSON.stringify({ ...rest, $tb: truncateBefore }));
}
