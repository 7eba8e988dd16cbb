import { signDevToken, type Role } from '@openbank/auth';
import { startApplicationProcess, startKurrentDBProcess, startMongoProcess, type StartedProcess } from '@openbank/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFriendlySettings } from './settings.js';

/** The secret every process of a scenario verifies tokens with, so that any of them accepts a client's token. */
export const secret = 'reliability-secret-of-at-least-thirty-two-chars';

/** A token the bank's processes accept: a customer's is bound to their person. */
export async function signToken(role: Role, personId?: string): Promise<string> {
  const { accessToken } = await signDevToken({ issuer: 'openbank', audience: 'openbank-api', secret, rolesClaim: 'roles', personClaim: 'person_id' }, { role, personId, ttlSeconds: 86_400 });
  return accessToken;
}

export type Part = 'application' | 'kurrentdb' | 'mongodb';

/**
 * The bank as it runs in production, one process per part: the built application and the two
 * stores, each on its own data directory and its own fixed port, so that any part can be killed
 * with SIGKILL and started again where the others expect it.
 */
export class BankProcesses {
  private readonly parts = new Map<Part, StartedProcess>();
  readonly kills: Record<Part, number> = { application: 0, kurrentdb: 0, mongodb: 0 };

  private constructor(
    private readonly directory: string,
    private readonly ports: Record<Part, number>,
    private readonly settings: NodeJS.ProcessEnv,
  ) {}

  static async start(settings: NodeJS.ProcessEnv = {}): Promise<BankProcesses> {
    const directory = await mkdtemp(join(tmpdir(), 'openbank-reliability-'));
    const ports = { application: await freePort(), kurrentdb: await freePort(), mongodb: await freePort() };
    const bank = new BankProcesses(directory, ports, settings);
    await Promise.all([bank.startPart('kurrentdb'), bank.startPart('mongodb')]);
    await bank.startPart('application');
    return bank;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports.application}`;
  }

  get kurrentdb(): string {
    return `kurrentdb://127.0.0.1:${this.ports.kurrentdb}?tls=false`;
  }

  get mongodb(): string {
    return `mongodb://127.0.0.1:${this.ports.mongodb}`;
  }

  readonly database = 'openbank_reliability';

  /** Where the application's log goes (JSON lines), to read when a scenario fails. */
  get applicationLog(): string {
    return join(this.directory, 'application.log');
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed, as when a machine loses power. */
  async kill(part: Part): Promise<void> {
    await this.parts.get(part)?.kill();
    this.parts.delete(part);
    this.kills[part]++;
  }

  async startPart(part: Part): Promise<void> {
    this.parts.set(part, await this.launch(part));
  }

  token(role: Role): Promise<string> {
    return signToken(role);
  }

  async stop(): Promise<void> {
    await this.parts.get('application')?.stop();
    await Promise.all([this.parts.get('kurrentdb')?.stop(), this.parts.get('mongodb')?.stop()]);
    await rm(this.directory, { recursive: true, force: true });
  }

  private launch(part: Part): Promise<StartedProcess> {
    const dataDir = join(this.directory, part);
    if (part === 'kurrentdb') return startKurrentDBProcess({ dataDir, port: this.ports.kurrentdb });
    if (part === 'mongodb') return startMongoProcess({ dataDir, port: this.ports.mongodb });
    const environment = {
      PORT: String(this.ports.application),
      MONGODB_DATABASE: this.database,
      AUTH_JWT_SECRET: secret,
      AUTH_DEV_TOKENS: 'false',
      ...loadFriendlySettings,
      ...this.settings,
    };
    return startApplicationProcess({ kurrentdb: this.kurrentdb, mongodb: this.mongodb }, environment, this.applicationLog);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
