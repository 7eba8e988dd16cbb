import { domainError } from '@openbank/shared-kernel';

/** Another writer kept changing the aggregate while this command was decided, retries included. */
export class ConcurrencyConflict extends domainError('CONCURRENCY_CONFLICT', 'conflict') {}
