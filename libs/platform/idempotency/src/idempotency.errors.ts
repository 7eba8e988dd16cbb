import { domainError } from '@openbank/shared-kernel';

/** The key was first used for another request (another path or body). */
export class IdempotencyKeyReused extends domainError('IDEMPOTENCY_KEY_REUSED', 'rule-violated') {}
/** The first request with this key is still being processed. */
export class IdempotencyKeyInProgress extends domainError('IDEMPOTENCY_KEY_IN_PROGRESS', 'conflict') {}
