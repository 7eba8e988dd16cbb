import { status, type sendUnaryData, type ServerReadableStream, type ServiceError } from '@grpc/grpc-js';
import { isServiceError, rpcError, streamDeletedError } from '../grpc/rpc-error.js';
import { shared, streams, type Streams } from '../grpc/protocol.js';
import type { ServerContext } from '../server-context.js';
import type { AppendOutcome, ExpectedRevision, ProposedEvent, WrongExpectedVersion } from '../store/append-request.js';
import { expectedRevisionOf } from './expected-revision.js';
import { appendTooLargeError, streamNameOf, toProposedEvent } from './proposed-event.js';

type AppendCall = ServerReadableStream<Streams.AppendReq, Streams.AppendResp>;

/**
 * Streams.Append: options first, then proposed messages, then half-close; one answer after
 * the request stream ends (a call whose client goes away midway writes nothing). A wrong expected
 * version is an OK response, not a gRPC error.
 */
export function append(context: ServerContext) {
  return (call: AppendCall, callback: sendUnaryData<Streams.AppendResp>) => {
    let stream: string | undefined;
    let expected: ExpectedRevision | undefined;
    const events: ProposedEvent[] = [];
    let total = 0;
    let answered = false;
    const answer = (error: ServiceError | null, response?: Streams.AppendResp) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };
    const fail = (error: unknown) => answer(isServiceError(error) ? error : rpcError(status.INTERNAL, String(error)));

    call.on('data', (request: Streams.AppendReq) => {
      if (answered) return;
      try {
        if (stream === undefined) {
          const options = request.getOptions();
          if (!options) throw rpcError(status.UNKNOWN, 'The first message of an append must carry its options.');
          stream = streamNameOf(options.getStreamIdentifier());
          expected = expectedRevisionOf(options);
          return;
        }
        const message = request.getProposedMessage();
        if (!message) throw rpcError(status.UNKNOWN, 'Append options may only be sent once.');
        const { event, size } = toProposedEvent(message, context.limits);
        total += size;
        if (total > context.limits.maxAppendSize) throw appendTooLargeError(context.limits.maxAppendSize);
        events.push(event);
      } catch (error) {
        fail(error);
      }
    });
    call.on('error', () => {
      answered = true;
    });
    call.on('end', () => {
      if (answered) return;
      if (stream === undefined || expected === undefined) return fail(rpcError(status.UNKNOWN, 'An append needs its options.'));
      try {
        context.access.checkStream(context.authenticator.principalOf(call.metadata), stream, 'write');
        const outcome = context.store.append([{ stream, expected, events }]);
        const response = appendResponse(outcome);
        const pending = context.store.pendingSync();
        if (!pending) return answer(null, response);
        pending.then(() => answer(null, response), (error: Error) => fail(rpcError(status.UNAVAILABLE, error.message)));
      } catch (error) {
        fail(isServiceError(error) ? error : rpcError(status.UNAVAILABLE, (error as Error).message));
      }
    });
  };
}

function appendResponse(outcome: AppendOutcome): Streams.AppendResp {
  const response = new streams.AppendResp();
  if (outcome.kind === 'failure') {
    if (outcome.failure.kind === 'stream-deleted') throw streamDeletedError(outcome.failure.stream);
    return response.setWrongExpectedVersion(wrongExpectedVersion(outcome.failure));
  }
  const { revision, position } = outcome.results[0];
  const success = new streams.AppendResp.Success();
  if (revision >= 0) success.setCurrentRevision(String(revision));
  else success.setNoStream(new shared.Empty());
  if (position !== undefined) {
    success.setPosition(new streams.AppendResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
  } else {
    success.setNoPosition(new shared.Empty());
  }
  return response.setSuccess(success);
}

function wrongExpectedVersion(failure: WrongExpectedVersion): Streams.AppendResp.WrongExpectedVersion {
  const message = new streams.AppendResp.WrongExpectedVersion();
  // The deprecated 20.6 fields are filled too, as the real server does, for older clients.
  if (failure.actual >= 0) message.setCurrentRevision(String(failure.actual)).setCurrentRevision2060(failure.actual);
  else message.setCurrentNoStream(new shared.Empty()).setNoStream2060(new shared.Empty());
  const expected = failure.expected;
  switch (expected.kind) {
    case 'any':
      message.setExpectedAny(new shared.Empty()).setAny2060(new shared.Empty());
      break;
    case 'no_stream':
      message.setExpectedNoStream(new shared.Empty());
      break;
    case 'stream_exists':
      message.setExpectedStreamExists(new shared.Empty()).setStreamExists2060(new shared.Empty());
      break;
    case 'exact':
      message.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
      break;
  }
  return message;
}
