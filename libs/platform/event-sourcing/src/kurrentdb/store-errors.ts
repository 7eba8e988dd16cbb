import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { status } from '@grpc/grpc-js';
import { RevisionConflict } from '../store/event-store.port.js';

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
    error instanceof NotLeaderError ||
    isRawGrpcOutage(error)
  );
}

/**
 * The client converts most gRPC failures to its own errors, but not all: the server-features
 * call it makes on (re)connecting rejects with grpc-js's own error when the node is down.
 */
function isRawGrpcOutage(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error) || !('metadata' in error)) return false;
  return error.code === status.UNAVAILABLE || error.code === status.DEADLINE_EXCEEDED;
}

/**
 * The store acknowledged an append at another revision than the one expected: what it holds is
 * not what this process decided on. Handled like a revision conflict (reload, decide again).
 */
export class UnexpectedAppendResult extends Error {
  constructor(stream: string, expected: bigint, reported: bigint) {
    super(`${stream}: the append was acknowledged at revision ${reported}, not ${expected}`);
    this.name = 'UnexpectedAppendResult';
  }
}

export const isStreamNotFound = (error: unknown): boolean => error instanceof StreamNotFoundError;
export const isRevisionConflict = (error: unknown): boolean => error instanceof RevisionConflict || error instanceof WrongExpectedVersionError || error instanceof UnexpectedAppendResult;

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
