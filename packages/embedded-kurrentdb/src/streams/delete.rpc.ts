import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { invalidArgument, isServiceError, rpcError, streamDeletedError, wrongExpectedVersionError } from '../grpc/rpc-error.js';
import { streams, type Streams } from '../grpc/protocol.js';
import type { ServerContext } from '../server-context.js';
import { expectedRevisionCode } from '../store/append-request.js';
import type { DeleteOutcome } from '../store/event-store.js';
import { expectedRevisionOf } from './expected-revision.js';
import { streamNameOf } from './proposed-event.js';

type DeleteOptions = Streams.DeleteReq.Options | Streams.TombstoneReq.Options;

/**
 * Delete (soft: the stream reads as not found, revisions continue on the next append) and
 * Tombstone (final). Unlike Append, a wrong expected version here is a gRPC error with trailers.
 */
function deleteHandler<Request extends { getOptions(): DeleteOptions | undefined }, Response>(
  context: ServerContext,
  mode: 'soft' | 'tombstone',
  respond: (position: number) => Response,
) {
  return (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => {
    const finish = (outcome: DeleteOutcome, stream: string, code: bigint) => {
      if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(stream));
      if (outcome.kind === 'wrong-expected-version') return callback(wrongExpectedVersionError(stream, code, outcome.actual));
      const pending = context.store.pendingSync();
      if (!pending) return callback(null, respond(outcome.position));
      pending.then(
        () => callback(null, respond(outcome.position)),
        (error: Error) => callback(rpcError(status.UNAVAILABLE, error.message)),
      );
    };
    try {
      const options = call.request.getOptions();
      if (!options) throw invalidArgument('delete options are required');
      const stream = streamNameOf(options.getStreamIdentifier());
      context.access.checkStream(context.authenticator.principalOf(call.metadata), stream, 'delete');
      const expected = expectedRevisionOf(options);
      finish(context.store.deleteStream(stream, expected, mode), stream, expectedRevisionCode(expected));
    } catch (error) {
      callback(isServiceError(error) ? error : rpcError(status.UNAVAILABLE, (error as Error).message));
    }
  };
}

export function deleteStream(context: ServerContext) {
  return deleteHandler<Streams.DeleteReq, Streams.DeleteResp>(context, 'soft', (position) =>
    new streams.DeleteResp().setPosition(
      new streams.DeleteResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)),
    ),
  );
}

export function tombstoneStream(context: ServerContext) {
  return deleteHandler<Streams.TombstoneReq, Streams.TombstoneResp>(context, 'tombstone', (position) =>
    new streams.TombstoneResp().setPosition(
      new streams.TombstoneResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)),
    ),
  );
}
