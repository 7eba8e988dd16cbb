import { randomUUID } from 'node:crypto';
import { Metadata, status, type sendUnaryData, type ServerReadableStream, type ServiceError } from '@grpc/grpc-js';
import type { Message } from 'google-protobuf';
import { isServiceError, rpcError } from '../grpc/rpc-error.js';
import { any, rpcStatus, struct, v2Errors, v2Streams, type Struct, type V2Streams } from '../grpc/protocol.js';
import { InvalidUuidError, uuidBytesToText, uuidTextToBytes } from '../grpc/uuid.js';
import { MAX_NAME_BYTES } from '../log/log-format.js';
import type { ServerContext } from '../server-context.js';
import { ANY, expectedRevisionCode, NO_STREAM, STREAM_EXISTS, type ExpectedRevision, type ProposedEvent, type StreamAppend } from '../store/append-request.js';
import { eventSize } from '../streams/proposed-event.js';

type AppendSessionCall = ServerReadableStream<V2Streams.AppendRequest, V2Streams.AppendSessionResponse>;

const { SchemaFormat } = v2Streams;

/**
 * v2 StreamsService.AppendSession (the client's `multiStreamAppend`): one request per stream,
 * committed atomically when the client half-closes: every stream's events are written in one
 * log frame, or none are; a session whose client goes away midway writes nothing (see
 * ignoreAbandonedHalfClose). Errors carry a google.rpc.Status in `grpc-status-details-bin` whose
 * single detail names the error (the client reads only one).
 */
export function appendSession(context: ServerContext) {
  return (call: AppendSessionCall, callback: sendUnaryData<V2Streams.AppendSessionResponse>) => {
    const requests: V2Streams.AppendRequest[] = [];
    let answered = false;
    const answer = (error: ServiceError | null, response?: V2Streams.AppendSessionResponse) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };
    call.on('data', (request: V2Streams.AppendRequest) => requests.push(request));
    call.on('error', () => {
      answered = true;
    });
    call.on('end', () => {
      if (answered) return;
      try {
        const principal = context.authenticator.principalOf(call.metadata);
        for (const request of requests) context.access.checkStream(principal, request.getStream(), 'write');
        const response = commit(context, requests);
        const pending = context.store.pendingSync();
        if (!pending) return answer(null, response);
        pending.then(() => answer(null, response), (error: Error) => answer(rpcError(status.UNAVAILABLE, error.message)));
      } catch (error) {
        answer(isServiceError(error) ? error : rpcError(status.UNAVAILABLE, (error as Error).message));
      }
    });
  };
}

function commit(context: ServerContext, requests: V2Streams.AppendRequest[]): V2Streams.AppendSessionResponse {
  if (requests.length === 0) {
    throw rpcError(status.FAILED_PRECONDITION, 'An append session needs at least one append request.');
  }
  const seen = new Set<string>();
  const appends: StreamAppend[] = [];
  let total = 0;
  for (const request of requests) {
    const stream = request.getStream();
    if (stream === '' || Buffer.byteLength(stream) > MAX_NAME_BYTES) throw rpcError(status.INVALID_ARGUMENT, 'Invalid stream name.');
    if (seen.has(stream.toLowerCase())) {
      throw detailed(status.ABORTED, `Stream '${stream}' is already in this append session.`, new v2Errors.StreamAlreadyInAppendSessionErrorDetails().setStream(stream), 'StreamAlreadyInAppendSessionErrorDetails');
    }
    seen.add(stream.toLowerCase());
    const events = request.getRecordsList().map((record) => toEvent(stream, record));
    for (const event of events) {
      const size = eventSize(event);
      if (size > context.limits.maxAppendEventSize) {
        const details = new v2Errors.AppendRecordSizeExceededErrorDetails()
          .setStream(stream)
          .setRecordId(uuidBytesToText(event.id))
          .setSize(size)
          .setMaxSize(context.limits.maxAppendEventSize);
        throw detailed(status.INVALID_ARGUMENT, `Record of ${size} bytes exceeds ${context.limits.maxAppendEventSize}.`, details, 'AppendRecordSizeExceededErrorDetails');
      }
      total += size;
    }
    appends.push({ stream, expected: expectedOf(request), events });
  }
  if (total > context.limits.maxAppendSize) {
    const details = new v2Errors.AppendTransactionSizeExceededErrorDetails().setSize(total).setMaxSize(context.limits.maxAppendSize);
    throw detailed(status.ABORTED, `Append session of ${total} bytes exceeds ${context.limits.maxAppendSize}.`, details, 'AppendTransactionSizeExceededErrorDetails');
  }

  const outcome = context.store.append(appends);
  if (outcome.kind === 'failure') {
    const { failure } = outcome;
    if (failure.kind === 'stream-deleted') {
      throw detailed(status.FAILED_PRECONDITION, `Stream '${failure.stream}' is tombstoned.`, new v2Errors.StreamTombstonedErrorDetails().setStream(failure.stream), 'StreamTombstonedErrorDetails');
    }
    const details = new v2Errors.StreamRevisionConflictErrorDetails()
      .setStream(failure.stream)
      .setExpectedRevision(expectedRevisionCode(failure.expected).toString())
      .setActualRevision(String(failure.actual));
    throw detailed(status.FAILED_PRECONDITION, `Stream '${failure.stream}' is at revision ${failure.actual}.`, details, 'StreamRevisionConflictErrorDetails');
  }
  const response = new v2Streams.AppendSessionResponse();
  for (const result of outcome.results) {
    response.addOutput(new v2Streams.AppendResponse().setStream(result.stream).setStreamRevision(String(result.revision)));
  }
  return response.setPosition(String(outcome.lastPosition ?? 0));
}

function expectedOf(request: V2Streams.AppendRequest): ExpectedRevision {
  if (!request.hasExpectedRevision()) return ANY;
  const code = BigInt(request.getExpectedRevision()!);
  if (code === -1n) return NO_STREAM;
  if (code === -2n) return ANY;
  if (code === -4n) return STREAM_EXISTS;
  if (code < 0n) throw rpcError(status.INVALID_ARGUMENT, `Invalid expected revision ${code}.`);
  return { kind: 'exact', revision: code };
}

/**
 * v1 readers see a v2 record's properties as a JSON object in custom metadata, with the schema
 * name and format added as `$schema.*` keys.
 */
function toEvent(stream: string, record: V2Streams.AppendRecord): ProposedEvent {
  const schema = record.getSchema();
  const type = schema?.getName() ?? '';
  if (type === '') throw rpcError(status.INVALID_ARGUMENT, `A record of stream '${stream}' has no schema name.`);
  if (Buffer.byteLength(type) > MAX_NAME_BYTES) throw rpcError(status.INVALID_ARGUMENT, 'Schema name is too long.');
  let id: Buffer;
  try {
    id = uuidTextToBytes(record.hasRecordId() ? record.getRecordId()! : randomUUID());
  } catch (error) {
    if (error instanceof InvalidUuidError) throw rpcError(status.INVALID_ARGUMENT, `Invalid record id: ${error.message}`);
    throw error;
  }
  const isJson = schema!.getFormat() === SchemaFormat.SCHEMA_FORMAT_JSON;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of record.getPropertiesMap().entries()) properties[key] = propertyValue(value);
  properties['$schema.name'] = type;
  properties['$schema.format'] = formatName(schema!.getFormat());
  if (schema!.hasId()) properties['$schema.id'] = schema!.getId();
  return { id, type, isJson, metadata: Buffer.from(JSON.stringify(properties)), data: record.getData_asU8() };
}

function propertyValue(value: Struct.Value): unknown {
  if (value.getKindCase() === struct.Value.KindCase.KIND_NOT_SET) {
    throw rpcError(status.INVALID_ARGUMENT, 'A record property has no value.');
  }
  return value.toJavaScript();
}

function formatName(format: number): string {
  switch (format) {
    case SchemaFormat.SCHEMA_FORMAT_JSON:
      return 'Json';
    case SchemaFormat.SCHEMA_FORMAT_PROTOBUF:
      return 'Protobuf';
    case SchemaFormat.SCHEMA_FORMAT_AVRO:
      return 'Avro';
    case SchemaFormat.SCHEMA_FORMAT_BYTES:
      return 'Bytes';
    default:
      return 'Unspecified';
  }
}

/** A gRPC error whose `grpc-status-details-bin` trailer names the v2 error class. */
function detailed(code: status, message: string, detail: Message, name: string): ServiceError {
  const packed = new any.Any();
  packed.pack(detail.serializeBinary(), `kurrentdb.protocol.v2.streams.errors.${name}`);
  // google.rpc.Code and gRPC status numbers are the same values.
  const statusMessage = new rpcStatus.Status().setCode(code as number).setMessage(message).setDetails(packed);
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(statusMessage.serializeBinary()));
  return Object.assign(new Error(message), { code, details: message, metadata });
}
