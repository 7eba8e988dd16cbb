/**
 * A secure node for the authentication cases: the embedded server with TLS (test certificates
 * in test/support/tls) and authentication on, or the real secure node named by
 * KURRENTDB_SECURE_CONNECTION_STRING (`kurrentdb://127.0.0.1:2113?tls=true&tlsCAFile=…`,
 * without credentials: each case adds the ones it needs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { startEmbeddedKurrentDB, type EmbeddedKurrentDB, type EmbeddedKurrentDBOptions } from '../../src/index.js';

export const TLS_DIRECTORY = path.resolve(import.meta.dirname, 'tls');
const realSecureNode = process.env.KURRENTDB_SECURE_CONNECTION_STRING;

export const ADMIN = { username: 'admin', password: 'changeit' };
export const OPS = { username: 'ops', password: 'changeit' };
export const STRANGER = { username: 'AzureDiamond', password: 'hunter2' };

export interface SecureTarget {
  /** Without credentials. */
  connectionString: string;
  embedded: EmbeddedKurrentDB | undefined;
  /** A client as `user` (anonymous when undefined); disposed after the spec file. */
  clientAs(user?: { username: string; password: string }): KurrentDBClient;
}

export function testTls(): NonNullable<EmbeddedKurrentDBOptions['tls']> {
  return { certificate: fs.readFileSync(path.join(TLS_DIRECTORY, 'node.crt')), privateKey: fs.readFileSync(path.join(TLS_DIRECTORY, 'node.key')) };
}

/** `user:password@` inserted into a connection string. */
export function withCredentials(connectionString: string, user: { username: string; password: string }): string {
  return connectionString.replace('://', `://${encodeURIComponent(user.username)}:${encodeURIComponent(user.password)}@`);
}

export function useSecureTarget(options: EmbeddedKurrentDBOptions = {}): () => SecureTarget {
  let target: SecureTarget | undefined;
  const clients: KurrentDBClient[] = [];
  beforeAll(async () => {
    const embedded = realSecureNode ? undefined : await startEmbeddedKurrentDB({ ...options, tls: testTls() });
    const connectionString = realSecureNode ?? `${embedded!.connectionString}&tlsCAFile=${path.join(TLS_DIRECTORY, 'ca.crt')}`;
    target = {
      connectionString,
      embedded,
      clientAs(user) {
        const client = KurrentDBClient.connectionString(user ? withCredentials(connectionString, user) : connectionString);
        clients.push(client);
        return client;
      },
    };
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await target?.embedded?.stop();
  });
  return () => {
    if (!target) throw new Error('the target is not started yet');
    return target;
  };
}
