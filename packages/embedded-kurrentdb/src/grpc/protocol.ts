/**
 * The one place that loads the generated protocol modules.
 *
 * Every message this server sends must be an instance of the very module copy the client's
 * service definitions were generated with: the generated serializers check `instanceof` and
 * refuse anything else. Importing them only from here keeps a second copy from sneaking in.
 *
 * The generated files are CommonJS that Node's ESM loader cannot see named exports in, so each
 * module is imported as a whole: `streams` is the runtime module, `Streams` its types.
 */
import streamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import streamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import sharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import statusModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb.js';
import featuresModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb.js';
import featuresGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb.js';
import gossipModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_pb.js';
import gossipGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_grpc_pb.js';
import persistentModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/persistentsubscriptions_pb.js';
import persistentGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/persistentsubscriptions_grpc_pb.js';
import projectionsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/projectionmanagement_pb.js';
import projectionsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/projectionmanagement_grpc_pb.js';
import operationsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/operations_pb.js';
import operationsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/operations_grpc_pb.js';
import v2StreamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb.js';
import v2StreamsGrpcModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb.js';
import v2ErrorsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb.js';
import emptyModule from 'google-protobuf/google/protobuf/empty_pb.js';
import timestampModule from 'google-protobuf/google/protobuf/timestamp_pb.js';
import anyModule from 'google-protobuf/google/protobuf/any_pb.js';
import structModule from 'google-protobuf/google/protobuf/struct_pb.js';

export type * as Streams from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
export type * as Shared from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
export type * as RpcStatus from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb.js';
export type * as Features from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb.js';
export type * as Gossip from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/gossip_pb.js';
export type * as Persistent from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/persistentsubscriptions_pb.js';
export type * as Projections from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/projectionmanagement_pb.js';
export type * as Operations from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/operations_pb.js';
export type * as V2Streams from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb.js';
export type * as Timestamp from 'google-protobuf/google/protobuf/timestamp_pb.js';
export type * as Struct from 'google-protobuf/google/protobuf/struct_pb.js';

export const streams = streamsModule;
export const streamsGrpc = streamsGrpcModule;
export const shared = sharedModule;
export const rpcStatus = statusModule;
export const features = featuresModule;
export const featuresGrpc = featuresGrpcModule;
export const gossip = gossipModule;
export const gossipGrpc = gossipGrpcModule;
export const persistent = persistentModule;
export const persistentGrpc = persistentGrpcModule;
export const projections = projectionsModule;
export const projectionsGrpc = projectionsGrpcModule;
export const operations = operationsModule;
export const operationsGrpc = operationsGrpcModule;
export const v2Streams = v2StreamsModule;
export const v2StreamsGrpc = v2StreamsGrpcModule;
export const v2Errors = v2ErrorsModule;
export const empty = emptyModule;
export const timestamp = timestampModule;
export const any = anyModule;
export const struct = structModule;
