import { EventStoreUnavailable, isEventStoreOutage } from '@openbank/event-sourcing';

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
  return readStoreOutageNames.has(error.name) || /before initial connection|Client must be connected|connection .* closed/i.test(error.message);
}

/** An outage of either store: worth waiting for, never a reason to give up on an event. */
export function isStoreOutage(error: unknown): boolean {
  return error instanceof EventStoreUnavailable || isEventStoreOutage(error) || isReadStoreOutage(error);
}
