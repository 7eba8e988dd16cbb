import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

/**
 * A single insecure KurrentDB node with the projections on, as the embedded one runs by default.
 * (Testcontainers' own KurrentDB module needs a newer Node.js than the project's 20; the
 * container is plain to describe with the generic one.)
 */
export interface StartedKurrentDB {
  readonly connectionString: string;
  stop(): Promise<void>;
}

export async function startKurrentDBContainer(image: string): Promise<StartedKurrentDB> {
  const started: StartedTestContainer = await new GenericContainer(image)
    .withExposedPorts(2113)
    .withEnvironment({
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'All',
      KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
      KURRENTDB_INSECURE: 'true',
    })
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(120_000)
    .start();
  return {
    connectionString: `kurrentdb://${started.getHost()}:${started.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await started.stop();
    },
  };
}
