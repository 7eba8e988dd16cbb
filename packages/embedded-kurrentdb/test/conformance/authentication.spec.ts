import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  END,
  jsonEvent,
  persistentSubscriptionToStreamSettingsFromDefaults,
  START,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import { status } from '@grpc/grpc-js';
import { basicAuth, operations, operationsClient, unaryCall, type ServiceError } from '../support/raw-grpc.js';
import { collect, eventually, rejection, streamName } from '../support/target.js';
import { ADMIN, OPS, STRANGER, useSecureTarget } from '../support/secure-target.js';

/**
 * A secure node: TLS, credentials checked, the default users `admin` and `ops`, and the default
 * ACL policy (anonymous callers may not touch streams; `$` streams and `$all` are for admins;
 * a stream's `$acl` metadata decides for other users).
 */
describe('authentication and access control on a secure node', () => {
  const target = useSecureTarget();
  const admin = () => target().clientAs(ADMIN);
  const event = () => jsonEvent({ type: 'Secured', data: { at: Date.now() } });

  it('lets admin append and read, through grpc-js and the bridge', async () => {
    const stream = streamName('secure');
    await admin().appendToStream(stream, event());
    expect(await collect(admin().readStream(stream))).toHaveLength(1);
    expect((await collect(admin().readAll({ maxCount: 1 }))).length).toBe(1);
  });

  it('refuses unknown users and wrong passwords with AccessDenied, on writes and on reads', async () => {
    const stranger = target().clientAs(STRANGER);
    expect(await rejection(stranger.appendToStream(streamName('secure'), event()))).toBeInstanceOf(AccessDeniedError);
    expect(await rejection(collect(stranger.readAll({ maxCount: 1 })))).toBeInstanceOf(AccessDeniedError);
    const wrongPassword = target().clientAs({ username: 'admin', password: 'wrong' });
    expect(await rejection(wrongPassword.appendToStream(streamName('secure'), event()))).toBeInstanceOf(AccessDeniedError);
  });

  it('takes per-call credentials over the connection string ones', async () => {
    const stream = streamName('secure');
    expect(await rejection(admin().appendToStream(stream, event(), { credentials: STRANGER }))).toBeInstanceOf(AccessDeniedError);
    await target().clientAs(STRANGER).appendToStream(stream, event(), { credentials: ADMIN });
    expect(await collect(admin().readStream(stream))).toHaveLength(1);
  });

  it('refuses a bearer token it cannot verify', async () => {
    const stream = streamName('secure');
    expect(await rejection(admin().appendToStream(stream, event(), { credentials: { bearerToken: 'not-a-real-token' } }))).toBeInstanceOf(
      AccessDeniedError,
    );
  });

  it('denies anonymous callers every stream', async () => {
    const anonymous = target().clientAs();
    const stream = streamName('secure');
    expect(await rejection(anonymous.appendToStream(stream, event()))).toBeInstanceOf(AccessDeniedError);
    await admin().appendToStream(stream, event());
    expect(await rejection(collect(anonymous.readStream(stream)))).toBeInstanceOf(AccessDeniedError);
  });

  it('keeps $all and $ streams to admins: ops may write user streams but not read $all', async () => {
    const ops = target().clientAs(OPS);
    await ops.appendToStream(streamName('secure'), event());
    expect(await rejection(collect(ops.readAll({ maxCount: 1 })))).toBeInstanceOf(AccessDeniedError);
    expect(await rejection(ops.appendToStream(`$${streamName('secure')}`, event()))).toBeInstanceOf(AccessDeniedError);
    await admin().appendToStream(`$${streamName('secure')}`, event());
  });

  it('applies a stream $acl to other users, not to admins', async () => {
    const stream = streamName('secure');
    await admin().appendToStream(stream, event());
    await admin().setStreamMetadata(stream, { acl: { writeRoles: ['some_user'], readRoles: ['$admins'] } });
    const ops = target().clientAs(OPS);
    expect(await rejection(ops.appendToStream(stream, event()))).toBeInstanceOf(AccessDeniedError);
    expect(await rejection(collect(ops.readStream(stream)))).toBeInstanceOf(AccessDeniedError);
    await admin().appendToStream(stream, event());
    expect(await collect(admin().readStream(stream))).toHaveLength(2);
  });

  it('keeps subscription groups to ops and admins and shows who is connected', async () => {
    const stream = streamName('secure');
    const group = `group-${randomUUID()}`;
    const settings = persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: START });
    expect(await rejection(target().clientAs(STRANGER).createPersistentSubscriptionToStream(stream, group, settings))).toBeInstanceOf(AccessDeniedError);
    await target().clientAs(OPS).createPersistentSubscriptionToStream(stream, group, settings);
    await admin().appendToStream(stream, event());

    const subscription = admin().subscribeToPersistentSubscriptionToStream(stream, group);
    subscription.on('data', (resolved) => void subscription.ack(resolved));
    const info = await eventually(async () => {
      const found = await admin().getPersistentSubscriptionToStreamInfo(stream, group);
      return found.connections.length === 1 ? found : undefined;
    });
    await subscription.unsubscribe();
    expect(info.connections[0].username).toBe('admin');
    expect(await rejection(target().clientAs(STRANGER).listPersistentSubscriptionsToStream(stream))).toBeInstanceOf(AccessDeniedError);
  });

  it('keeps scavenges to ops and admins; unverifiable credentials are UNAUTHENTICATED', async () => {
    const stub = operationsClient(target().connectionString);
    const start = (user?: { username: string; password: string }) =>
      unaryCall<InstanceType<typeof operations.ScavengeResp>>((done) => stub.startScavenge(new operations.StartScavengeReq(), basicAuth(user), done));
    try {
      expect(((await rejection(start())) as unknown as ServiceError).code).toBe(status.PERMISSION_DENIED);
      expect(((await rejection(start(STRANGER))) as unknown as ServiceError).code).toBe(status.UNAUTHENTICATED);
      expect((await start(OPS)).getScavengeResult()).toBe(operations.ScavengeResp.ScavengeResult.STARTED);
    } finally {
      stub.close();
    }
  });

  it('reports a missing stream as missing to a user allowed to read it', async () => {
    expect(await rejection(collect(admin().readStream(streamName('secure'), { fromRevision: END })))).toBeInstanceOf(StreamNotFoundError);
  });
});

describe('an insecure node (the default)', () => {
  it('ignores credentials: wrong ones are accepted like none at all', async () => {
    const { startEmbeddedKurrentDB } = await import('../../src/index.js');
    const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
    const realNode = process.env.KURRENTDB_CONNECTION_STRING;
    const server = realNode ? undefined : await startEmbeddedKurrentDB();
    const connectionString = realNode ?? server!.connectionString;
    const client = KurrentDBClient.connectionString(connectionString.replace('://', '://AzureDiamond:hunter2@'));
    try {
      const stream = streamName('insecure');
      await client.appendToStream(stream, jsonEvent({ type: 'Open', data: {} }));
      expect(await collect(client.readStream(stream))).toHaveLength(1);
      expect((await collect(client.readAll({ maxCount: 1 }))).length).toBe(1);
    } finally {
      await client.dispose();
      await server?.stop();
    }
  });
});
