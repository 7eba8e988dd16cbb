import { signDevToken, type Role } from '@openbank/auth';
import { freePort, startApplicationProcess, startKurrentDBProcess, startMongoProcess, startProjectorProcess, type StartedProcess } from '@openbank/testing';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kurrentdbFlags, loadFriendlySettings, multiStreamAppendByDefault } from './settings.js';

/** The secret every process of a scenario verifies tokens with, so that any of them accepts a client's token. */
export const secret = 'reliability-secret-of-at-least-thirty-two-chars';

/** A token the bank's processes accept: a customer's is bound to their person. */
export async function signToken(role: Role, personId?: string): Promise<string> {
  const { accessToken } = await signDevToken({ issuer: 'openbank', audience: 'openbank-api', secret, rolesClaim: 'roles', personClaim: 'person_id' }, { role, personId, ttlSeconds: 86_400 });
  return accessToken;
}

/** A process of the bank: `api-1`, `api-2`, …, `projector-1`, …, and the two stores. */
export type Part = `api-${number}` | `projector-${number}` | 'kurrentdb' | 'mongodb';

export interface ProcessesShape {
  /** API processes; 1 unless told. */
  readonly apis?: number;
  /** Projector processes of their own; with none (the default), the API starts its projector as a child, as `npm start` does. */
  readonly projectors?: number;
  readonly settings?: NodeJS.ProcessEnv;
  /** false: a KurrentDB without the multi-stream append (before 25.1), where the transfer process moves every transfer. */
  readonly multiStreamAppend?: boolean;
}

/**
 * The bank as it runs in production, one process per part: the built API and projector processes
 * and the two stores, each on its own data directory and its own fixed port, so that any part can
 * be killed with SIGKILL and started again where the others expect it.
 */
export class BankProcesses {
  private readonly running = new Map<Part, StartedProcess>();
  readonly kills: Partial<Record<Part, number>> = {};

  private constructor(
    private readonly directory: string,
    private readonly ports: Map<Part, number>,
    private readonly settings: NodeJS.ProcessEnv,
    private readonly projectorsOfTheirOwn: boolean,
    private readonly multiStreamAppend: boolean,
  ) {}

  static async start(settings: NodeJS.ProcessEnv = {}): Promise<BankProcesses> {
    return BankProcesses.deploy({ settings });
  }

  static async deploy({ apis = 1, projectors = 0, settings = {}, multiStreamAppend = multiStreamAppendByDefault }: ProcessesShape): Promise<BankProcesses> {
    const directory = await mkdtemp(join(tmpdir(), 'openbank-reliability-'));
    const names: Part[] = ['kurrentdb', 'mongodb', ...numbered('api', apis), ...numbered('projector', projectors)];
    const ports = new Map<Part, number>();
    for (const name of names) ports.set(name, await freePort());
    const bank = new BankProcesses(directory, ports, settings, projectors > 0, multiStreamAppend);
    await Promise.all([bank.startPart('kurrentdb'), bank.startPart('mongodb')]);
    await Promise.all(bank.parts.filter((part) => part !== 'kurrentdb' && part !== 'mongodb').map((part) => bank.startPart(part)));
    return bank;
  }

  /** Every part of the deployment, running or not. */
  get parts(): Part[] {
    return [...this.ports.keys()];
  }

  /** The parts running now. */
  get alive(): Part[] {
    return [...this.running.keys()];
  }

  /** The first API's address. */
  get baseUrl(): string {
    return this.apiUrls[0];
  }

  /** Every API's address, running or not (each keeps its port across restarts). */
  get apiUrls(): string[] {
    return this.parts.filter((part) => part.startsWith('api-')).map((part) => `http://127.0.0.1:${this.ports.get(part)}`);
  }

  get kurrentdb(): string {
    return `kurrentdb://127.0.0.1:${this.ports.get('kurrentdb')}?tls=false`;
  }

  get mongodb(): string {
    return `mongodb://127.0.0.1:${this.ports.get('mongodb')}`;
  }

  readonly database = 'openbank_reliability';

  /** SIGKILL: no shutdown hook runs, nothing is flushed, as when a machine loses power. */
  async kill(part: Part): Promise<void> {
    const started = this.running.get(part);
    this.running.delete(part);
    await started?.kill();
    this.kills[part] = (this.kills[part] ?? 0) + 1;
    await this.record(`killed ${part}`);
  }

  async startPart(part: Part): Promise<void> {
    this.running.set(part, await this.launch(part));
    await this.record(`started ${part}`);
  }

  /** When each part was killed and started: with the logs, what a failed run is read against. */
  private record(what: string): Promise<void> {
    return appendFile(join(this.directory, 'timeline.log'), `${new Date().toISOString()} ${what}\n`);
  }

  token(role: Role): Promise<string> {
    return signToken(role);
  }

  /** The warnings and errors each API and projector logged last, to read when a scenario fails. */
  async problemsLogged(): Promise<string> {
    const logged = await Promise.all(this.parts.filter(isApplicationPart).map(async (part) => [part, await readFile(this.logOf(part), 'utf8').catch(() => '')]));
    return logged.flatMap(([part, log]) => log.split('\n').filter((line) => /"level":(40|50|60)/.test(line)).slice(-10).map((line) => `${part}: ${line.slice(0, 600)}`)).join('\n');
  }

  /** Stops every process; the data and logs are removed, unless kept to look into a failed run. */
  async stop({ keepLogs = false } = {}): Promise<void> {
    await Promise.all(this.alive.filter(isApplicationPart).map((part) => this.running.get(part)!.stop()));
    await Promise.all([this.running.get('kurrentdb')?.stop(), this.running.get('mongodb')?.stop()]);
    this.running.clear();
    if (keepLogs) console.info(`[reliability] logs and data kept in ${this.directory}`);
    else await rm(this.directory, { recursive: true, force: true });
  }

  private launch(part: Part): Promise<StartedProcess> {
    const port = this.ports.get(part)!;
    const dataDir = join(this.directory, part);
    if (part === 'kurrentdb') return startKurrentDBProcess({ dataDir, port, logFile: this.logOf(part), flags: kurrentdbFlags(this.multiStreamAppend) });
    if (part === 'mongodb') return startMongoProcess({ dataDir, port, logFile: this.logOf(part) });
    const stores = { kurrentdb: this.kurrentdb, mongodb: this.mongodb };
    const environment = { MONGODB_DATABASE: this.database, AUTH_JWT_SECRET: secret, AUTH_DEV_TOKENS: 'false', ...loadFriendlySettings, ...this.settings };
    if (part.startsWith('projector-')) return startProjectorProcess(stores, { ...environment, PROJECTOR_PORT: String(port) }, this.logOf(part));
    const ownProjector = this.projectorsOfTheirOwn ? { START_PROJECTOR: 'false' } : {};
    return startApplicationProcess(stores, { ...environment, ...ownProjector, PORT: String(port) }, this.logOf(part));
  }

  private logOf(part: Part): string {
    return join(this.directory, `${part}.log`);
  }
}

const numbered = <Kind extends 'api' | 'projector'>(kind: Kind, count: number) => Array.from({ length: count }, (_, index) => `${kind}-${index + 1}` as `${Kind}-${number}`);

const isApplicationPart = (part: Part) => part.startsWith('api-') || part.startsWith('projector-');
