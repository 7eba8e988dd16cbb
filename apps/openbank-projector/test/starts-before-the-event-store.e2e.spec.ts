import { buildApplication, freePort, startKurrentDBProcess, startMongoProcess, startProjectorProcess, type StartedProcess } from '@openbank/testing';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Processes start in any order in a deployment (and a projector restarted while KurrentDB is
 * away starts before it): a projector that cannot reach the event store yet starts all the same,
 * reports itself not ready, and consumes every group once the store is there.
 */
describe('a projector started before the event store', () => {
  const started: StartedProcess[] = [];

  beforeAll(async () => {
    await buildApplication();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(started.reverse().map((process) => process.stop()));
  });

  it('waits for it, then consumes every group', async () => {
    const port = await freePort();
    const mongodb = await startMongoProcess();
    started.push(mongodb);
    const projector = await startProjectorProcess({ kurrentdb: `kurrentdb://127.0.0.1:${port}?tls=false`, mongodb: mongodb.address });
    started.push(projector);
    const health = () => fetch(`${projector.address}/health`).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect((await health()).status).toBe(503);

    started.push(await startKurrentDBProcess({ port }));
    let last = await health();
    for (const deadline = Date.now() + 60_000; last.status !== 200 && Date.now() < deadline; last = await health()) await sleep(250);
    expect(last).toEqual({ status: 200, body: { status: 'ok', consumers: { projections: 'consuming', 'transfer-process': 'consuming' } } });
  }, 120_000);
});
