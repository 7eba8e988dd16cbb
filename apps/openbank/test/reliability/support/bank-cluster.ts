import { startApplicationProcess, startKurrentDBProcess, startMongoProcess, startProjectorProcess, type StartedProcess } from '@openbank/testing';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secret } from './bank-processes.js';
import { kurrentdbFlags, loadFriendlySettings, multiStreamAppendByDefault } from './settings.js';

export interface ClusterShape {
  readonly apis: number;
  readonly projectors: number;
  readonly settings?: NodeJS.ProcessEnv;
  /** false: a KurrentDB without the multi-stream append (before 25.1), where the transfer process moves every transfer. */
  readonly multiStreamAppend?: boolean;
}

/**
 * The bank scaled out as a deployment runs it: the two stores, N API processes that start no
 * projector of their own (START_PROJECTOR=false), and M projector processes, every one a process
 * of its own on the same stores. Projectors can be killed with SIGKILL and new ones started.
 */
export class BankCluster {
  readonly apis: StartedProcess[] = [];
  /** The projectors alive, by name (`projector-1`, …); a started one gets the next number. */
  readonly projectors = new Map<string, StartedProcess>();
  private stores: StartedProcess[] = [];
  private started = 0;

  private constructor(
    private readonly directory: string,
    private readonly settings: NodeJS.ProcessEnv,
  ) {}

  static async start({ apis, projectors, settings = {}, multiStreamAppend = multiStreamAppendByDefault }: ClusterShape): Promise<BankCluster> {
    const cluster = new BankCluster(await mkdtemp(join(tmpdir(), 'openbank-cluster-')), settings);
    cluster.stores = await Promise.all([startKurrentDBProcess({ flags: kurrentdbFlags(multiStreamAppend) }), startMongoProcess()]);
    const [apiProcesses] = await Promise.all([
      Promise.all(Array.from({ length: apis }, (_, index) => startApplicationProcess(cluster.storeAddresses, cluster.environment({ START_PROJECTOR: 'false' }), cluster.logOf(`api-${index + 1}`)))),
      Promise.all(Array.from({ length: projectors }, () => cluster.startProjector())),
    ]);
    cluster.apis.push(...apiProcesses);
    return cluster;
  }

  readonly database = 'openbank_reliability';

  get kurrentdb(): string {
    return this.stores[0].address;
  }

  get mongodb(): string {
    return this.stores[1].address;
  }

  apiUrl(index: number): string {
    return this.apis[index].address;
  }

  async startProjector(): Promise<string> {
    const name = `projector-${++this.started}`;
    this.projectors.set(name, await startProjectorProcess(this.storeAddresses, this.environment({}), this.logOf(name)));
    return name;
  }

  /** SIGKILL: the projector dies on the spot, with events handed to it and not acknowledged. */
  async killProjector(name: string): Promise<void> {
    await this.projectors.get(name)?.kill();
    this.projectors.delete(name);
  }

  pidOf(name: string): number | undefined {
    return this.projectors.get(name)?.child.pid;
  }

  /** Resident memory of each process of the bank now, in MiB (Linux), for the figures a run prints. */
  memory(): Record<string, number> {
    const processes: [string, StartedProcess][] = [
      ...this.apis.map((api, index): [string, StartedProcess] => [`api-${index + 1}`, api]),
      ...this.projectors.entries(),
      ['kurrentdb', this.stores[0]],
      ['mongodb', this.stores[1]],
    ];
    return Object.fromEntries(processes.map(([name, started]) => [name, residentMiB(started.child.pid)]));
  }

  /** The warnings and errors of every process's log, to read when a scenario fails. */
  async problemsLogged(): Promise<string> {
    const names = [...this.apis.map((_, index) => `api-${index + 1}`), ...Array.from({ length: this.started }, (_, index) => `projector-${index + 1}`)];
    const logs = await Promise.all(names.map(async (name) => [name, await readFile(this.logOf(name), 'utf8').catch(() => '')]));
    return logs.flatMap(([name, log]) => log.split('\n').filter((line) => /"level":(40|50|60)/.test(line)).slice(-10).map((line) => `${name}: ${line.slice(0, 600)}`)).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.projectors.values()].map((started) => started.stop()));
    await Promise.all(this.stores.map((store) => store.stop()));
    await rm(this.directory, { recursive: true, force: true });
  }

  private get storeAddresses() {
    return { kurrentdb: this.kurrentdb, mongodb: this.mongodb };
  }

  private environment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return { MONGODB_DATABASE: this.database, AUTH_JWT_SECRET: secret, AUTH_DEV_TOKENS: 'false', ...loadFriendlySettings, ...this.settings, ...extra };
  }

  private logOf(name: string): string {
    return join(this.directory, `${name}.log`);
  }
}

function residentMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kib / 1024);
  } catch {
    return 0;
  }
}
