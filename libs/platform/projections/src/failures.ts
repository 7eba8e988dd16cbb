import { ConcurrencyConflict, EventStoreUnavailable, isEventStoreOutage, isRevisionConflict } from '@openbank/event-sourcing';
import { isReadStoreOutage, isReadStoreTransient } from './read-store-errors.js';

/**
 * What a failure of a projection, a process or a sink calls for. The one place that tells them
 * apart; each store's adapter says what its own outages look like (`isEventStoreOutage`,
 * `isReadStoreOutage`).
 *
 * - `outage`: a store is unavailable. Waited out with backoff however long it lasts, never counted
 *   against the event: it is no fault of the event.
 * - `temporary`: a retry can resolve it: a concurrency conflict, a timeout, a connection reset,
 *   a write conflict in the read store. Retried with backoff (READ_SIDE_MAX_RETRIES times when
 *   set, otherwise until it succeeds).
 * - `permanent`: the event or the code is at fault (a poison event, a bug, a refusal such as a
 *   sink's 4xx). Retrying cannot help: the event is parked at its first failure.
 */
export type FailureKind = 'outage' | 'temporary' | 'permanent';

/** Thrown by a subscriber whose failure a later attempt may not meet (e.g. a service it calls is busy). */
export class TemporaryFailure extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemporaryFailure';
  }
}

/** Error names of timeouts (`AbortSignal.timeout`, the mongodb driver's own). */
const timeoutNames = new Set(['TimeoutError', 'MongoOperationTimeoutError']);

/** Node's and undici's codes of a connection that failed or timed out. */
const connectionCodes = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** An outage of either store: worth waiting for, never a reason to give up on an event. */
export function isStoreOutage(error: unknown): boolean {
  return error instanceof EventStoreUnavailable || isEventStoreOutage(error) || isReadStoreOutage(error);
}

function kindOf(error: unknown): FailureKind {
  if (isStoreOutage(error)) return 'outage';
  if (error instanceof TemporaryFailure || error instanceof ConcurrencyConflict || isRevisionConflict(error) || isReadStoreTransient(error)) return 'temporary';
  // Read as fields, not by class: a DOMException or an error from another realm is no `instanceof Error`.
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  return (typeof name === 'string' && timeoutNames.has(name)) || (typeof code === 'string' && connectionCodes.has(code)) ? 'temporary' : 'permanent';
}

/**
 * Classifies a failure. A wrapped failure counts as what it wraps (its `cause`, a few levels
 * down): an error that only reports a lost connection is as temporary as the connection was.
 */
export function failureKind(error: unknown): FailureKind {
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const kind = kindOf(current);
    if (kind !== 'permanent') return kind;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return 'permanent';
}
