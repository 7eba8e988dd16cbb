import { status, type ServiceError } from '@grpc/grpc-js';
import type { Map as ProtoMap } from 'google-protobuf';
import { invalidArgument, rpcError } from '../grpc/rpc-error.js';
import type { Shared } from '../grpc/protocol.js';
import { InvalidUuidError, uuidBytesToText, uuidMessageToBytes } from '../grpc/uuid.js';
import { MAX_NAME_BYTES } from '../log/log-format.js';
import type { AppendLimits } from '../server-context.js';
import type { ProposedEvent } from '../store/append-request.js';

/** Append's and BatchAppend's proposed messages have the same shape. */
export interface ProposedMessageLike {
  getId(): Shared.UUID | undefined;
  getMetadataMap(): ProtoMap<string, string>;
  getCustomMetadata_asU8(): Uint8Array;
  getData_asU8(): Uint8Array;
}

const JSON_CONTENT_TYPE = 'application/json';

/** The size the server limits: data + custom metadata + twice the type. */
export function eventSize(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + 2 * Buffer.byteLength(event.type);
}

function missingMetadataError(): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, 'Required metadata properties are missing: type, content-type', {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });
}

function eventTooLargeError(event: ProposedEvent, size: number, max: number): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, `Event size ${size} exceeds the maximum of ${max} bytes.`, {
    exception: 'maximum-append-event-size-exceeded',
    'maximum-append-event-size': String(max),
    'event-id': uuidBytesToText(event.id),
    'proposed-append-event-size': String(size),
  });
}

export function appendTooLargeError(max: number): ServiceError {
  return rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(max),
  });
}

/** Reads and checks one proposed message; metadata keys other than type and content-type are dropped. */
export function toProposedEvent(message: ProposedMessageLike, limits: AppendLimits): { event: ProposedEvent; size: number } {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) throw missingMetadataError();
  if (Buffer.byteLength(type) > MAX_NAME_BYTES) throw invalidArgument(`event type is longer than ${MAX_NAME_BYTES} bytes`);
  let id: Buffer;
  try {
    id = uuidMessageToBytes(message.getId());
  } catch (error) {
    if (error instanceof InvalidUuidError) throw invalidArgument(`invalid event id: ${error.message}`);
    throw error;
  }
  const event: ProposedEvent = {
    id,
    type,
    isJson: contentType === JSON_CONTENT_TYPE,
    metadata: message.getCustomMetadata_asU8(),
    data: message.getData_asU8(),
  };
  const size = eventSize(event);
  if (size > limits.maxAppendEventSize) throw eventTooLargeError(event, size, limits.maxAppendEventSize);
  return { event, size };
}

export function streamNameOf(identifier: Shared.StreamIdentifier | undefined): string {
  const bytes = identifier?.getStreamName_asU8();
  if (!bytes || bytes.length === 0) throw invalidArgument('a stream name is required');
  if (bytes.length > MAX_NAME_BYTES) throw invalidArgument(`stream name is longer than ${MAX_NAME_BYTES} bytes`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
