import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../src/index.js';

/**
 * Where the conformance specs run: a real MongoDB when MONGODB_URI names one, otherwise a fresh
 * embedded server per spec file. Specs use their own database and drop it afterwards.
 */
export interface Target {
  readonly uri: string;
  /** Present only when running against the embedded server. */
  readonly embedded?: EmbeddedMongo;
  stop(): Promise<void>;
}

export const CLIENT_OPTIONS: MongoClientOptions = { serverSelectionTimeoutMS: 2000 };

/** `options` configure the embedded server the way a default mongod behaves where the two differ (e.g. `javascript`). */
export async function startTarget(options: EmbeddedMongoOptions = {}): Promise<Target> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, stop: async () => undefined };
  const embedded = await startEmbeddedMongo(options);
  return { uri: embedded.uri, embedded, stop: () => embedded.stop() };
}

export function uniqueDbName(label: string): string {
  return `ob_${label}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
}

export interface DatabaseFixture {
  readonly target: Target;
  readonly client: MongoClient;
  readonly db: Db;
}

/** Registers beforeAll/afterAll that provide a target, a connected client and a unique database. */
export function useDatabase(label: string, options: EmbeddedMongoOptions = {}): () => DatabaseFixture {
  let fixture: DatabaseFixture | undefined;
  beforeAll(async () => {
    const target = await startTarget(options);
    const client = await new MongoClient(target.uri, CLIENT_OPTIONS).connect();
    fixture = { target, client, db: client.db(uniqueDbName(label)) };
  });
  afterAll(async () => {
    if (!fixture) return;
    await fixture.db.dropDatabase();
    await fixture.client.close();
    await fixture.target.stop();
  });
  return () => {
    if (!fixture) throw new Error('fixture not started');
    return fixture;
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error('expected the operation to fail');
}
