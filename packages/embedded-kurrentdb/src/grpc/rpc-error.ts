import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/**
 * Errors the real server reports as a gRPC status. The Node client decides the error class
 * from the `exception` trailer first, and some classes crash without their companion trailers,
 * so every helper here sets all of them.
 */
export function rpcError(code: status, message: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(message), { code, details: message, metadata });
}

export function streamDeletedError(stream: string): ServiceError {
  return rpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

/** Delete and Tombstone report a wrong expected version as a status; `expected-version` must be numeric. */
export function wrongExpectedVersionError(stream: string, expected: bigint, actual: number): ServiceError {
  return rpcError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expected}, Actual version: ${actual}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': stream,
      'expected-version': expected.toString(),
      'actual-version': String(actual),
    },
  );
}

export function invalidArgument(message: string): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, message);
}

export function persistentSubscriptionError(
  code: status,
  exception: string,
  stream: string,
  group: string,
  message: string,
): ServiceError {
  return rpcError(code, message, { exception, 'stream-name': stream, 'group-name': group });
}

/** True for the errors our own handlers construct; anything else is a bug reported as INTERNAL. */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error;
}
