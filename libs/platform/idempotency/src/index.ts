export { IdempotencyModule } from './idempotency.module.js';
export { IdempotencyRecord } from './idempotency-record.schema.js';
export type { IdempotencyOptions } from './idempotency.options.js';
export { IdempotencyStore, type StoredAnswer } from './idempotency.store.js';
