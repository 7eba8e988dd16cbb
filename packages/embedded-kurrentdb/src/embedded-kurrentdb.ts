import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { featuresGrpc, gossipGrpc, operationsGrpc, persistentGrpc, projectionsGrpc, streamsGrpc, v2StreamsGrpc, type Streams } from './grpc/protocol.js';
import { AccessControl } from './auth/access-control.js';
import { Authenticator } from './auth/authenticator.js';
import { UserDirectory } from './auth/users.js';
import { gossipRead } from './gossip/gossip-read.rpc.js';
import { ignoreAbandonedHalfClose } from './grpc/abandoned-call-interceptor.js';
import { promptAck } from './grpc/prompt-ack-interceptor.js';
import { LogFile, type RecoveryReport } from './log/log-file.js';
import {
  DEFAULT_MAX_APPEND_EVENT_SIZE,
  DEFAULT_MAX_APPEND_SIZE,
  MAX_MESSAGE_SIZE,
  type EmbeddedKurrentDBOptions,
} from './options.js';
import { PersistentSubscriptions } from './persistent/persistent-subscriptions.js';
import { persistentSubscriptionHandlers } from './persistent/persistent-subscriptions.rpc.js';
import { ProjectionManager, type ProjectionsMode } from './projections/projection-manager.js';
import { projectionHandlers } from './projections/projections.rpc.js';
import { operationsHandlers } from './scavenge/operations.rpc.js';
import { Scavenger, type ScavengeResult } from './scavenge/scavenger.js';
import { writeFirstStartEvents } from './system/first-start.js';
import { getSupportedMethods, type SupportedMethod } from './server-features/get-supported-methods.rpc.js';
import type { ServerContext } from './server-context.js';
import { EventStore } from './store/event-store.js';
import { append } from './streams/append.rpc.js';
import { batchAppend } from './streams/batch-append.rpc.js';
import { deleteStream, tombstoneStream } from './streams/delete.rpc.js';
import { read } from './streams/read.rpc.js';
import { ActiveCalls } from './subscriptions/active-calls.js';
import { appendSession } from './v2/append-session.rpc.js';

export interface EmbeddedKurrentDB {
  /** `kurrentdb://127.0.0.1:<port>?tls=false`, ready for `KurrentDBClient.connectionString`. */
  readonly connectionString: string;
  readonly port: number;
  /** Whether the server speaks TLS (then clients need its CA, e.g. `tlsCAFile=` in the connection string). */
  readonly tls: boolean;
  /** Whether credentials and stream ACLs are enforced. */
  readonly authentication: boolean;
  /** What was replayed from the data directory (undefined in memory). */
  readonly recovery: RecoveryReport | undefined;
  /**
   * Removes what stream metadata and deletes hide (events below `$tb`, beyond `$maxCount`, older
   * than `$maxAge`, of soft-deleted and tombstoned streams) from the log, from `$all` and from
   * the data directory, as a real node's scavenge does. Positions do not change.
   */
  scavenge(): Promise<ScavengeResult>;
  /** Ends every call, closes the log and releases the port and the data directory. */
  stop(): Promise<void>;
}

/**
 * `Read` answers with pre-encoded bytes for events (see ReadEventEncoder), so its serializer
 * passes buffers through and hands everything else to the generated one.
 */
const streamsService = {
  ...streamsGrpc.StreamsService,
  read: {
    ...streamsGrpc.StreamsService.read,
    responseSerialize: (value: Streams.ReadResp | Buffer) =>
      Buffer.isBuffer(value) ? value : streamsGrpc.StreamsService.read.responseSerialize(value),
  },
};

const STREAMS = 'event_store.client.streams.streams';
const PERSISTENT = 'event_store.client.persistent_subscriptions.persistentsubscriptions';
const PERSISTENT_METHODS = ['create', 'update', 'delete', 'read', 'getinfo', 'replayparked', 'list', 'restartsubsystem'];
const OPERATIONS = 'event_store.client.operations.operations';
const OPERATIONS_METHODS = ['startscavenge', 'stopscavenge', 'shutdown', 'mergeindexes', 'resignnode', 'setnodepriority', 'restartpersistentsubscriptions'];
const PROJECTIONS = 'event_store.client.projections.projections';
const PROJECTION_METHODS = ['create', 'update', 'delete', 'statistics', 'disable', 'enable', 'reset', 'state', 'result', 'restartsubsystem'];
/** A real node's default ProjectionExecutionTimeout is 250 ms per handler; one call here runs a batch of events. */
const PROJECTION_CALL_TIMEOUT_MS = 1000;

function projectionsModeOf(option: EmbeddedKurrentDBOptions['runProjections']): ProjectionsMode | undefined {
  if (option === true || option === 'system') return 'system';
  if (option === 'all') return 'all';
  return undefined;
}

export async function startEmbeddedKurrentDB(options: EmbeddedKurrentDBOptions = {}): Promise<EmbeddedKurrentDB> {
  const host = options.host ?? '127.0.0.1';
  const store = new EventStore();
  let log: LogFile | undefined;
  let recovery: RecoveryReport | undefined;
  if (options.dataDir !== undefined) {
    ({ log, report: recovery } = LogFile.open(options.dataDir, store, options.durability ?? 'write'));
    store.attachLog(log);
  }
  const secure = options.tls !== undefined;
  const authentication = options.authentication ?? secure;
  const users = new UserDirectory();
  writeFirstStartEvents(store, users.list());
  const authenticator = new Authenticator(authentication, users);
  const context: ServerContext = {
    store,
    active: new ActiveCalls(),
    authenticator,
    access: new AccessControl(authentication, store),
    limits: {
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      maxAppendEventSize: options.maxAppendEventSize ?? DEFAULT_MAX_APPEND_EVENT_SIZE,
    },
  };

  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_SIZE,
    'grpc.max_send_message_length': MAX_MESSAGE_SIZE,
    interceptors: authentication ? [ignoreAbandonedHalfClose, authenticator.interceptor, promptAck] : [ignoreAbandonedHalfClose, promptAck],
  });
  const persistentSubscriptions = new PersistentSubscriptions(store);
  const projectionsMode = projectionsModeOf(options.runProjections);
  const projections = projectionsMode
    ? new ProjectionManager(store, {
        mode: projectionsMode,
        startStandardProjections: options.startStandardProjections ?? true,
        executionTimeoutMs: PROJECTION_CALL_TIMEOUT_MS,
      })
    : undefined;
  const multiStreamAppend = options.multiStreamAppend ?? true;
  const methods: SupportedMethod[] = [
    { service: STREAMS, method: 'read', features: ['position', 'events'] },
    { service: STREAMS, method: 'append' },
    { service: STREAMS, method: 'delete' },
    { service: STREAMS, method: 'tombstone' },
    { service: STREAMS, method: 'batchappend', features: ['deadline_duration'] },
    ...PERSISTENT_METHODS.map((method) => ({ service: PERSISTENT, method, features: ['stream', 'all'] })),
    ...(projections
      ? PROJECTION_METHODS.map((method) => ({ service: PROJECTIONS, method, features: method === 'create' ? ['track_emitted_streams'] : [] }))
      : []),
    ...OPERATIONS_METHODS.map((method) => ({ service: OPERATIONS, method })),
    ...(multiStreamAppend ? [{ service: 'kurrentdb.protocol.v2.streams.streamsservice', method: 'appendsession' }] : []),
    { service: 'event_store.client.gossip.gossip', method: 'read' },
    { service: 'event_store.client.server_features.serverfeatures', method: 'getsupportedmethods' },
  ];
  server.addService(streamsService, {
    read: read(context),
    append: append(context),
    delete: deleteStream(context),
    tombstone: tombstoneStream(context),
    batchAppend: batchAppend(context),
  } satisfies UntypedServiceImplementation);
  server.addService(persistentGrpc.PersistentSubscriptionsService, persistentSubscriptionHandlers(context, persistentSubscriptions));
  if (projections) server.addService(projectionsGrpc.ProjectionsService, projectionHandlers(context, projections));
  const scavenger = new Scavenger(store, () => `${host}:${port}`);
  server.addService(
    operationsGrpc.OperationsService,
    operationsHandlers(context, {
      scavenger,
      restartPersistentSubscriptions: () => persistentSubscriptions.restart(),
      shutdown: () => void stop(),
    }),
  );
  if (multiStreamAppend) server.addService(v2StreamsGrpc.StreamsServiceService, { appendSession: appendSession(context) });
  server.addService(gossipGrpc.GossipService, { read: gossipRead(() => ({ host, port })) });
  server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: getSupportedMethods(methods) });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      context.active.closeAll();
      projections?.stop();
      persistentSubscriptions.stop();
      store.close(new Error('the server is stopped'));
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      log?.close();
    })());

  let port = 0;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${options.port ?? 0}`, serverCredentials(options.tls), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
  } catch (error) {
    server.forceShutdown();
    projections?.stop();
    persistentSubscriptions.stop();
    log?.close();
    throw error;
  }

  const scavenge = async () => scavenger.scavenge();

  return { connectionString: `kurrentdb://${host}:${port}?tls=${secure}`, port, tls: secure, authentication, recovery, scavenge, stop };
}

function serverCredentials(tls: EmbeddedKurrentDBOptions['tls']): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  const pem = (value: string | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
  return ServerCredentials.createSsl(null, [{ cert_chain: pem(tls.certificate), private_key: pem(tls.privateKey) }], false);
}
