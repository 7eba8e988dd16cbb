import { buildApplication, builtProjectorEntry, endProcess, repositoryRoot, startTestStores, type TestStores } from '@openbank/testing';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A projector the API starts as its child (npm start) stops with the API, whatever the way the
 * API goes. The API can be killed while its projector is still starting: the projector must not
 * run on as an orphan then, holding the API's output and consuming beside the API's next one.
 */
describe('a projector started by the API', () => {
  let stores: TestStores;

  beforeAll(async () => {
    stores = await startTestStores();
    await buildApplication();
  }, 300_000);

  afterAll(async () => {
    await stores?.stop();
  });

  it('stops by itself when the API went away while it was starting', async () => {
    const environment = { KURRENTDB_CONNECTION_STRING: stores.kurrentdb, MONGODB_URI: stores.mongodb, MONGODB_DATABASE: stores.mongoDatabase, PROJECTOR_PORT: '0', HOST: '127.0.0.1' };
    const projector = fork(builtProjectorEntry, [], { cwd: repositoryRoot, env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const exited = once(projector, 'exit').then(([code, signal]) => ({ code, signal }));
    // As when the API is killed at once: its end of the channel closes before the projector listens for it.
    projector.disconnect();

    const outcome = await Promise.race([exited, sleep(30_000).then(() => 'still running 30 s later')]);
    await endProcess(projector, 'SIGKILL');
    expect(outcome).toEqual({ code: 0, signal: null });
  }, 120_000);
});
