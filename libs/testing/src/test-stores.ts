import { randomUUID } from 'node:crypto';
import { startEmbeddedKurrentDB } from '@openbank/embedded-kurrentdb';
import { startEmbeddedMongo } from '@openbank/embedded-mongodb';

export interface TestStores {
  readonly kurrentdb: string;
  readonly mongodb: string;
  /** A database name of its own, so test files never see each other's read models. */
  readonly mongoDatabase: string;
  stop(): Promise<void>;
}

/**
 * The stores a test runs against: the real servers named by KURRENTDB_CONNECTION_STRING and
 * MONGODB_URI when they are set, otherwise fresh in-memory embedded servers on free ports.
 */
export async function startTestStores(): Promise<TestStores> {
  const kurrentdb = process.env.KURRENTDB_CONNECTION_STRING ? undefined : await startEmbeddedKurrentDB({ port: 0 });
  const mongodb = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ port: 0 });
  return {
    kurrentdb: kurrentdb?.connectionString ?? process.env.KURRENTDB_CONNECTION_STRING!,
    mongodb: mongodb?.uri ?? process.env.MONGODB_URI!,
    mongoDatabase: `openbank_test_${randomUUID().slice(0, 8)}`,
    stop: async () => {
      await Promise.all([kurrentdb?.stop(), mongodb?.stop()]);
    },
  };
}
