/**
 * Plain grpc-js stubs generated inside the client package, for requests the client library
 * would never send (malformed, oversized, out of order).
 */
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import streamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import featuresGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb.js';
import operationsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/operations_grpc_pb.js';
import operationsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/operations_pb.js';
import v2StreamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb.js';
import v2StreamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb.js';
import * as fs from 'node:fs';

export const streams = streamsModule;
export const operations = operationsModule;
export const shared = sharedModule;
export const v2Streams = v2StreamsModule;
export type { ServiceError };

export function addressOf(connectionString: string): string {
  const url = new URL(connectionString.replace(/^kurrentdb(\+discover)?:/, 'http:'));
  return `${url.hostname}:${url.port || 2113}`;
}

const channelOptions = { 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': 32 * 1024 * 1024 };

export function streamsClient(connectionString: string) {
  return new streamsGrpcModule.StreamsClient(addressOf(connectionString), credentials.createInsecure(), channelOptions);
}

export function v2StreamsClient(connectionString: string) {
  return new v2StreamsGrpcModule.StreamsServiceClient(addressOf(connectionString), credentials.createInsecure(), channelOptions);
}

export function featuresClient(connectionString: string) {
  return new featuresGrpcModule.ServerFeaturesClient(addressOf(connectionString), credentials.createInsecure());
}

/** TLS when the connection string says `tls=true` (trusting its `tlsCAFile`), plaintext otherwise. */
function channelCredentialsOf(connectionString: string) {
  const url = new URL(connectionString.replace(/^kurrentdb(\+discover)?:/, 'http:'));
  if (url.searchParams.get('tls') !== 'true') return credentials.createInsecure();
  const caFile = url.searchParams.get('tlsCAFile');
  return credentials.createSsl(caFile ? fs.readFileSync(caFile) : null);
}

export function operationsClient(connectionString: string) {
  return new operationsGrpcModule.OperationsClient(addressOf(connectionString), channelCredentialsOf(connectionString));
}

/** Call metadata carrying basic credentials, as the client sends them. */
export function basicAuth(user?: { username: string; password: string }): Metadata {
  const metadata = new Metadata();
  if (user) metadata.set('authorization', `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`);
  return metadata;
}

/** Runs a unary stub call as a promise. */
export function unaryCall<Response>(invoke: (callback: (error: ServiceError | null, response: Response) => void) => void): Promise<Response> {
  return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
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
