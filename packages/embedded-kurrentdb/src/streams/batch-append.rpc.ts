import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { Message } from 'google-protobuf';
import { isServiceError, rpcError } from '../grpc/rpc-error.js';
import { any, empty, rpcStatus, shared, streams, type RpcStatus, type Shared, type Streams } from '../grpc/protocol.js';
import type { Principal } from '../auth/principal.js';
import type { ServerContext } from '../server-context.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type AppendOutcome, type ExpectedRevision, type ProposedEvent } from '../store/append-request.js';
import { streamNameOf, toProposedEvent } from './proposed-event.js';

type BatchAppendCall = ServerDuplexStream<Streams.BatchAppendReq, Streams.BatchAppendResp>;

/** google.rpc.Code values the real server puts in BatchAppend errors. */
const Code = { UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7 } as const;

interface PendingAppend {
  correlationId: Shared.UUID;
  options: Streams.BatchAppendReq.Options;
  stream: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
  total: number;
  /** Set once a chunk was refused; later chunks of the same append are ignored. */
  error?: RpcStatus.Status;
}

/**
 * Streams.BatchAppend: the Node client keeps one such call per channel and multiplexes every
 * append onto it by correlation id, in chunks of about 3 MiB. Each append gets exactly one
 * response carrying its correlation id and stream name back; errors are google.rpc.Status values
 * whose single Any detail names the error class.
 */
export function batchAppend(context: ServerContext) {
  return (call: BatchAppendCall) => {
    const pending = new Map<string, PendingAppend>();
    let inFlight = 0;
    let clientDone = false;
    const finishIfDone = () => {
      if (clientDone && inFlight === 0 && !call.writableEnded) call.end();
    };
    const unregister = context.active.add(() => {
      if (!call.writableEnded) call.emit('error', rpcError(status.UNAVAILABLE, 'Server is shutting down.'));
    });
    call.on('close', unregister);
    call.on('cancelled', unregister);
    call.on('error', unregister);
    call.on('end', () => {
      clientDone = true;
      finishIfDone();
    });

    call.on('data', (request: Streams.BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      if (!correlationId) {
        call.emit('error', rpcError(status.INVALID_ARGUMENT, 'BatchAppend requests need a correlation id.'));
        return;
      }
      const key = correlationKey(correlationId);
      let entry = pending.get(key);
      try {
        if (!entry) {
          const options = request.getOptions();
          if (!options) throw rpcError(status.INVALID_ARGUMENT, 'The first chunk of a batch append must carry its options.');
          entry = { correlationId, options, stream: '', expected: ANY, events: [], total: 0 };
          pending.set(key, entry);
          entry.stream = streamNameOf(options.getStreamIdentifier());
          entry.expected = expectedOf(options);
          if (deadlinePassed(options)) entry.error = errorStatus(Code.DEADLINE_EXCEEDED, 'Deadline exceeded.', new shared.Timeout(), 'Timeout');
        }
        if (!entry.error) {
          for (const message of request.getProposedMessagesList()) {
            const { event, size } = toProposedEvent(message, context.limits);
            entry.total += size;
            if (entry.total > context.limits.maxAppendSize) {
              const detail = new shared.MaximumAppendSizeExceeded().setMaxappendsize(context.limits.maxAppendSize);
              entry.error = errorStatus(Code.INVALID_ARGUMENT, `Maximum Append Size of ${context.limits.maxAppendSize} Exceeded.`, detail, 'MaximumAppendSizeExceeded');
              break;
            }
            entry.events.push(event);
          }
        }
      } catch (error) {
        if (!entry) {
          call.emit('error', isServiceError(error) ? error : rpcError(status.INTERNAL, String(error)));
          return;
        }
        entry.error = refusal(error);
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const response = respond(context, entry, context.authenticator.principalOf(call.metadata));
      if (response instanceof Promise) {
        inFlight++;
        void response.then((message) => {
          inFlight--;
          if (!call.writableEnded) call.write(message);
          finishIfDone();
        });
      } else if (!call.writableEnded) {
        call.write(response);
      }
    });
  };
}

function respond(context: ServerContext, entry: PendingAppend, principal: Principal): Streams.BatchAppendResp | Promise<Streams.BatchAppendResp> {
  const response = new streams.BatchAppendResp().setCorrelationId(entry.correlationId);
  response.setStreamIdentifier(entry.options.getStreamIdentifier());
  echoExpected(response, entry.options);
  if (entry.error) return response.setError(entry.error);
  if (!context.access.mayAccessStream(principal, entry.stream, 'write')) {
    return response.setError(errorStatus(Code.PERMISSION_DENIED, 'Access Denied', new shared.AccessDenied(), 'AccessDenied'));
  }
  let outcome: AppendOutcome;
  try {
    outcome = context.store.append([{ stream: entry.stream, expected: entry.expected, events: entry.events }]);
  } catch (error) {
    return response.setError(errorStatus(Code.UNKNOWN, (error as Error).message, new shared.Unknown(), 'Unknown'));
  }
  if (outcome.kind === 'failure') return response.setError(failureStatus(outcome.failure, entry));
  const { revision, position } = outcome.results[0];
  const success = new streams.BatchAppendResp.Success();
  if (revision >= 0) success.setCurrentRevision(String(revision));
  else success.setNoStream(new empty.Empty());
  if (position !== undefined) {
    success.setPosition(new shared.AllStreamPosition().setCommitPosition(String(position)).setPreparePosition(String(position)));
  } else {
    success.setNoPosition(new empty.Empty());
  }
  response.setSuccess(success);
  const pending = context.store.pendingSync();
  if (!pending) return response;
  return pending.then(
    () => response,
    (error: Error) => {
      response.clearSuccess();
      return response.setError(errorStatus(Code.UNKNOWN, error.message, new shared.Unknown(), 'Unknown'));
    },
  );
}

function failureStatus(failure: Extract<AppendOutcome, { kind: 'failure' }>['failure'], entry: PendingAppend): RpcStatus.Status {
  if (failure.kind === 'stream-deleted') {
    const detail = new shared.StreamDeleted().setStreamIdentifier(entry.options.getStreamIdentifier());
    return errorStatus(Code.NOT_FOUND, `Event stream '${failure.stream}' is deleted.`, detail, 'StreamDeleted');
  }
  const detail = new shared.WrongExpectedVersion();
  if (failure.actual >= 0) detail.setCurrentStreamRevision(String(failure.actual));
  else detail.setCurrentNoStream(new empty.Empty());
  switch (failure.expected.kind) {
    case 'any':
      detail.setExpectedAny(new empty.Empty());
      break;
    case 'no_stream':
      detail.setExpectedNoStream(new empty.Empty());
      break;
    case 'stream_exists':
      detail.setExpectedStreamExists(new empty.Empty());
      break;
    case 'exact':
      detail.setExpectedStreamPosition(failure.expected.revision.toString());
      break;
  }
  return errorStatus(Code.ALREADY_EXISTS, 'Append failed due to WrongExpectedVersion.', detail, 'WrongExpectedVersion');
}

/** Validation errors of a chunk become that append's error status, not the end of the shared call. */
function refusal(error: unknown): RpcStatus.Status {
  const message = error instanceof Error ? error.message : String(error);
  if (isServiceError(error) && error.code === status.INVALID_ARGUMENT) {
    return errorStatus(Code.INVALID_ARGUMENT, message, new shared.BadRequest().setMessage(message), 'BadRequest');
  }
  return errorStatus(Code.UNKNOWN, message, new shared.Unknown(), 'Unknown');
}

function errorStatus(code: number, message: string, detail: Message, typeName: string): RpcStatus.Status {
  const packed = new any.Any();
  packed.pack(detail.serializeBinary(), `event_store.client.${typeName}`);
  return new rpcStatus.Status().setCode(code).setMessage(message).setDetails(packed);
}

function expectedOf(options: Streams.BatchAppendReq.Options): ExpectedRevision {
  switch (options.getExpectedStreamPositionCase()) {
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return { kind: 'exact', revision: BigInt(options.getStreamPosition()) };
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return NO_STREAM;
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return STREAM_EXISTS;
    default:
      return ANY;
  }
}

function echoExpected(response: Streams.BatchAppendResp, options: Streams.BatchAppendReq.Options): void {
  if (options.hasStreamPosition()) response.setStreamPosition(options.getStreamPosition());
  else if (options.hasNoStream()) response.setNoStream(new empty.Empty());
  else if (options.hasStreamExists()) response.setStreamExists(new empty.Empty());
  else response.setAny(new empty.Empty());
}

function deadlinePassed(options: Streams.BatchAppendReq.Options): boolean {
  const deadline = options.getDeadline21100();
  return deadline !== undefined && deadline.toDate().getTime() < Date.now();
}

function correlationKey(uuid: Shared.UUID): string {
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  return `${structured?.getMostSignificantBits()}:${structured?.getLeastSignificantBits()}`;
}
