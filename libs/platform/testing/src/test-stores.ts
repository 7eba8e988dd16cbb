import { randomUUID } from 'node:crypto';
import type { EmbeddedKurrentDBOptions } from '@openbank/embedded-kurrentdb';

export interface TestStore {
  readonly address: string;
  stop(): Promise<void>;
}

export interface TestStores {
  readonly kurrentdb: string;
  readonly mongodb: string;
  /** A database name of its own, so test files never see each other's read models. */
  readonly mongoDatabase: string;
  stop(): Promise<void>;
}

/** The real KurrentDB named by KURRENTDB_CONNECTION_STRING, or a fresh in-memory embedded one (with these options). */
export async function startTestKurrentDB(options: EmbeddedKurrentDBOptions = {}): Promise<TestStore> {
  const real = process.env.KURRENTDB_CONNECTION_STRING;
  if (real) return { address: real, stop: async () => undefined };
  // Loaded only when a store is started: specs over the in-memory ports never pay for the servers.
  const { startEmbeddedKurrentDB } = await import('@openbank/embedded-kurrentdb');
  const embedded = await startEmbeddedKurrentDB({ ...options, port: 0 });
  return { address: embedded.connectionString, stop: () => embedded.stop() };
}

/** The real MongoDB named by MONGODB_URI, or a fresh in-memory embedded one. */
export async function startTestMongo(): Promise<TestStore> {
  const real = process.env.MONGODB_URI;
  if (real) return { address: real, stop: async () => undefined };
  const { startEmbeddedMongo } = await import('@openbank/embedded-mongodb');
  const embedded = await startEmbeddedMongo({ port: 0 });
  return { address: embedded.uri, stop: () => embedded.stop() };
}

export async function startTestStores(kurrentdbOptions: EmbeddedKurrentDBOptions = {}): Promise<TestStores> {
  const [kurrentdb, mongodb] = await Promise.all([startTestKurrentDB(kurrentdbOptions), startTestMongo()]);
  return {
    kurrentdb: kurrentdb.address,
    mongodb: mongodb.address,
    mongoDatabase: `openbank_test_${randomUUID().slice(0, 8)}`,
    stop: async () => {
      await Promise.all([kurrentdb.stop(), mongodb.stop()]);
    },
  };
}
