/** Errors the mongodb driver and mongoose raise when the read store cannot be reached. */
const readStoreOutageNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/** The read store is down or unreachable; queries answer 503 while it lasts. */
export class ReadStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('the read store is unavailable', { cause });
    this.name = 'ReadStoreUnavailable';
  }
}

export function isReadStoreOutage(error: unknown): boolean {
  if (error instanceof ReadStoreUnavailable) return true;
  if (!(error instanceof Error)) return false;
  // mongoose reports a disconnected connection with buffering disabled as a plain MongooseError.
  if (readStoreOutageNames.has(error.name) || /before initial connection|Client must be connected|connection .* closed/i.test(error.message)) return true;
  // A bulk write that met a network error copies that error's fields (`beforeHandshake` is a
  // network error's own) and message, but not its name.
  if (error.name === 'MongoBulkWriteError' && 'beforeHandshake' in error) return true;
  // Otherwise a bulk write that could not reach a server tells so only in its message (it has no write error of its own).
  return /^Mongo/.test(error.name) && /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH)\b|Server selection timed out|socket has been ended/.test(error.message);
}

/**
 * Server errors a retry can resolve: a write conflict, a primary stepping down or shutting down, an
 * operation out of time, a network error seen by the server.
 */
const transientServerCodes = new Set([6, 7, 50, 89, 91, 112, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const transientLabels = ['TransientTransactionError', 'RetryableWriteError'];

/** The read store refused an operation for now, not for good (see failures.ts). */
export function isReadStoreTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, hasErrorLabel } = error as { code?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (typeof code === 'number' && transientServerCodes.has(code)) return true;
  return typeof hasErrorLabel === 'function' && transientLabels.some((label) => hasErrorLabel.call(error, label));
}
