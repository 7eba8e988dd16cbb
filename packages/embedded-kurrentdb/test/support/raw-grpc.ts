/**
 * Plain grpc-js stubs generated inside the client package, for requests the client library
 * would never send (malformed, oversized, out of order).
 */
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import featuresGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb.js';

export const streams = streamsModule;
export const shared = sharedModule;
export type { ServiceError };

export function addressOf(connectionString: string): string {
  const url = new URL(connectionString.replace(/^kurrentdb(\+discover)?:/, 'http:'));
  return `${url.hostname}:${url.port || 2113}`;
}

const channelOptions = { 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': 32 * 1024 * 1024 };

export function streamsClient(connectionString: string) {
  return new streamsGrpcModule.StreamsClient(addressOf(connectionString), credentials.createInsecure(), channelOptions);
}

export function featuresClient(connectionString: string) {
  return new featuresGrpcModule.ServerFeaturesClient(addressOf(connectionString), credentials.createInsecure());
}

export function streamIdentifier(name: string) {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(name));
}

/** The trailers of a failed call as a plain object. */
export function trailers(error: ServiceError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries((error.metadata ?? new Metadata()).getMap())) result[key] = String(value);
  return result;
}
