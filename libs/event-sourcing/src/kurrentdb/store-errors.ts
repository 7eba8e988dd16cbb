import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';

/** The event store could not be reached in time; the HTTP layer answers 503. */
export class EventStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('the event store is unavailable', { cause });
    this.name = 'EventStoreUnavailable';
  }
}

export function isEventStoreOutage(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  );
}

export const isStreamNotFound = (error: unknown): boolean => error instanceof StreamNotFoundError;
export const isRevisionConflict = (error: unknown): boolean => error instanceof WrongExpectedVersionError;

/** A store outage becomes EventStoreUnavailable; every other error stays as it is. */
export function asStoreError(error: unknown): unknown {
  return isEventStoreOutage(error) ? new EventStoreUnavailable(error) : error;
}

export async function translatingOutages<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw asStoreError(error);
  }
}
