export interface IdempotencyOptions {
  /** How long a key and its answer are kept (at least 24 hours). */
  readonly retentionMs: number;
  /** How long an attempt owns its key; a longer silence means it died and a retry may take over. */
  readonly leaseMs: number;
}

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export const defaultIdempotencyOptions: IdempotencyOptions = { retentionMs: 24 * 3_600_000, leaseMs: 30_000 };
