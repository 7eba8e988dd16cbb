import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { basicAuth, operations, operationsClient, trailers, unaryCall, type ServiceError } from '../support/raw-grpc.js';
import { collect, eventually, rejection, useTarget } from '../support/target.js';

/**
 * The Operations service's scavenge calls, through the grpc-js stubs generated in the client
 * package (the client library has no scavenge API). A scavenge answers Started with its id at
 * once and records itself in `$scavenges`; what it removes is covered by the embedded server's
 * own specs, since a real node only scavenges completed chunks.
 */
describe('scavenge over gRPC (Operations service)', () => {
  const target = useTarget();
  const client = () => target().client;
  const admin = { username: 'admin', password: 'changeit' };
  const stub = () => operationsClient(target().connectionString);

  it('starts a scavenge, answers Started with its id, and records it in $scavenges', async () => {
    const response = await unaryCall<InstanceType<typeof operations.ScavengeResp>>((done) =>
      stub().startScavenge(new operations.StartScavengeReq().setOptions(new operations.StartScavengeReq.Options().setThreadCount(1)), basicAuth(admin), done),
    );
    expect(response.getScavengeResult()).toBe(operations.ScavengeResp.ScavengeResult.STARTED);
    const scavengeId = response.getScavengeId();
    expect(scavengeId).toMatch(/^[0-9a-f-]{36}$/);
    const types = await eventually(async () => {
      try {
        const recorded = await collect(client().readStream('$scavenges'));
        const ours = recorded.filter(({ event }) => (event!.data as { scavengeId?: string }).scavengeId === scavengeId).map(({ event }) => event!.type);
        return ours.includes('$scavengeCompleted') ? ours : undefined;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
    }, 30000);
    expect(types).toEqual(['$scavengeStarted', '$scavengeCompleted']);
  });

  it('answers NOT_FOUND with the scavenge-not-found trailer when stopping a scavenge that is not running', async () => {
    const scavengeId = randomUUID();
    const error = (await rejection(
      unaryCall((done) =>
        stub().stopScavenge(new operations.StopScavengeReq().setOptions(new operations.StopScavengeReq.Options().setScavengeId(scavengeId)), basicAuth(admin), done),
      ),
    )) as unknown as ServiceError;
    expect(error.code).toBe(status.NOT_FOUND);
    expect(trailers(error)).toMatchObject({ exception: 'scavenge-not-found', 'scavenge-id': scavengeId });
  });
});
