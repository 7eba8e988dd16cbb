import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { rpcError } from '../grpc/rpc-error.js';
import { uuidTextToBytes } from '../grpc/uuid.js';
import { ANY, type ProposedEvent } from '../store/append-request.js';
import type { EventStore } from '../store/event-store.js';
import {
  checkpointStreamOf,
  configStreamOf,
  emittedStreamsStreamOf,
  PROJECTION_CREATED,
  PROJECTION_DELETED,
  PROJECTION_UPDATED,
  PROJECTIONS_INITIALIZED,
  PROJECTIONS_STREAM,
  resultStreamOf,
  type ProjectionConfig,
} from './projection-config.js';
import type { ProjectionProgress } from './projection-runner.js';
import { STANDARD_PROJECTIONS } from './standard/link-rules.js';
import { StandardProjection } from './standard/standard-projection.js';
import { UserProjection } from './user/user-projection.js';

export type ProjectionsMode = 'system' | 'all';

export interface ManagerOptions {
  mode: ProjectionsMode;
  /** Whether the system projections run on a node that never ran projections before. */
  startStandardProjections: boolean;
  /** Bound on each call into a user projection's sandbox. */
  executionTimeoutMs: number;
}

export interface ProjectionDetails extends ProjectionProgress {
  name: string;
  mode: ProjectionConfig['mode'];
}

type Runner = StandardProjection | UserProjection;

interface Entry {
  config: ProjectionConfig;
  runner: Runner;
}

export function projectionNotFound(name: string) {
  return rpcError(status.NOT_FOUND, `Projection '${name}' not found`);
}

/** What the real server's gRPC layer answers when its projection manager refuses a command. */
function operationFailed() {
  return rpcError(status.UNKNOWN, 'Envelope callback expected Updated, received OperationFailed instead');
}

/**
 * The projection subsystem: the system projections and (in 'all' mode) user projections, their
 * definitions kept like a real node's (`$projections-$all` lists them, `$projections-<name>`
 * holds each definition), so that they survive restarts, and the commands of the projection
 * management API.
 */
export class ProjectionManager {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: EventStore,
    private readonly options: ManagerOptions,
  ) {
    this.load();
    for (const entry of this.entries.values()) if (entry.config.enabled) entry.runner.start();
  }

  create(config: Omit<ProjectionConfig, 'handlerType' | 'enabled'>): void {
    if (this.options.mode !== 'all') {
      throw rpcError(status.FAILED_PRECONDITION, 'User projections are not run on this node (projections run in System mode).');
    }
    if (this.entries.has(config.name)) throw operationFailed();
    if (config.trackEmittedStreams && !config.emitEnabled) {
      throw rpcError(status.UNKNOWN, 'EmitEnabled must be set to true to track emitted streams.');
    }
    const full: ProjectionConfig = { ...config, handlerType: 'JS', enabled: true };
    this.append(PROJECTIONS_STREAM, PROJECTION_CREATED, false, config.name);
    this.saveConfig(full);
    const entry = this.instantiate(full);
    this.entries.set(full.name, entry);
    entry.runner.start();
  }

  /** New query (and emit setting); the projection keeps its states and position. */
  update(name: string, query: string, emitEnabled: boolean | undefined): void {
    const entry = this.get(name);
    if (entry.config.handlerType !== 'JS') throw operationFailed();
    const config: ProjectionConfig = { ...entry.config, query, emitEnabled: emitEnabled ?? entry.config.emitEnabled };
    this.replace(entry, config);
  }

  delete(name: string, streams: { checkpoint: boolean; state: boolean; emitted: boolean }): void {
    const entry = this.get(name);
    if (entry.runner.running || entry.config.handlerType !== 'JS') throw operationFailed();
    entry.runner.detach();
    this.entries.delete(name);
    this.append(PROJECTIONS_STREAM, PROJECTION_DELETED, false, name);
    const doomed = [configStreamOf(name)];
    if (streams.checkpoint) doomed.push(checkpointStreamOf(name));
    if (streams.state) doomed.push(resultStreamOf(name));
    if (streams.emitted) {
      const tracked = this.store.stream(emittedStreamsStreamOf(name));
      for (const record of tracked?.records ?? []) if (record >= 0) doomed.push(this.store.data(record).toString('utf8'));
      doomed.push(emittedStreamsStreamOf(name));
    }
    for (const stream of doomed) {
      const state = this.store.stream(stream);
      if (state && state.lastRevision >= 0 && !state.isSoftDeleted && !state.isTombstoned) this.store.deleteStream(stream, ANY, 'soft');
    }
  }

  enable(name: string): void {
    const entry = this.get(name);
    if (!entry.config.enabled) this.saveConfig((entry.config = { ...entry.config, enabled: true }));
    entry.runner.start();
  }

  /** Disable writes a checkpoint and reports Stopped; abort (no checkpoint) reports Aborted. */
  disable(name: string, writeCheckpoint: boolean): void {
    const entry = this.get(name);
    if (entry.config.enabled) this.saveConfig((entry.config = { ...entry.config, enabled: false }));
    entry.runner.stop(writeCheckpoint ? 'Stopped' : 'Aborted');
  }

  reset(name: string): void {
    this.get(name).runner.reset();
  }

  details(name?: string, mode?: ProjectionConfig['mode']): ProjectionDetails[] {
    if (name !== undefined) {
      const entry = this.get(name);
      return [this.detailsOf(entry)];
    }
    return [...this.entries.values()].filter((entry) => mode === undefined || entry.config.mode === mode).map((entry) => this.detailsOf(entry));
  }

  state(name: string, partition: string, kind: 'state' | 'result'): string | null {
    const { runner } = this.get(name);
    if (runner instanceof StandardProjection) return null;
    return kind === 'state' ? runner.state(partition) : runner.result(partition);
  }

  /** Stops every projection and loads them again from what is stored, as a subsystem restart does. */
  restart(): void {
    this.stop();
    this.entries.clear();
    this.load();
    for (const entry of this.entries.values()) if (entry.config.enabled) entry.runner.start();
  }

  stop(): void {
    for (const { runner } of this.entries.values()) {
      if (runner instanceof UserProjection) runner.flush();
      runner.detach();
    }
  }

  private get(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw projectionNotFound(name);
    return entry;
  }

  private replace(entry: Entry, config: ProjectionConfig): void {
    const wasRunning = entry.runner.running;
    entry.runner.stop('Stopped');
    this.saveConfig(config);
    const next = this.instantiate(config);
    this.entries.set(config.name, next);
    if (wasRunning || config.enabled) next.runner.start();
  }

  private detailsOf({ config, runner }: Entry): ProjectionDetails {
    return { name: config.name, mode: config.mode, ...runner.progress() };
  }

  private instantiate(config: ProjectionConfig): Entry {
    if (config.handlerType === 'native') {
      const rule = STANDARD_PROJECTIONS.find((candidate) => candidate.name === config.name);
      if (!rule) throw new Error(`unknown system projection ${config.name}`);
      return { config, runner: new StandardProjection(this.store, rule) };
    }
    return { config, runner: new UserProjection(this.store, config, this.options.executionTimeoutMs) };
  }

  /** Reads the stored projections; a node that never ran projections gets the system ones first. */
  private load(): void {
    const list = this.store.stream(PROJECTIONS_STREAM);
    if (!list || list.lastRevision < 0) this.initialise();
    const names = new Set<string>();
    for (const record of this.store.stream(PROJECTIONS_STREAM)?.records ?? []) {
      if (record < 0) continue;
      const type = this.store.typeName(this.store.records.typeId[record]);
      const name = this.store.data(record).toString('utf8');
      if (type === PROJECTION_CREATED) names.add(name);
      else if (type === PROJECTION_DELETED) names.delete(name);
    }
    for (const name of names) {
      const config = this.storedConfig(name);
      if (!config || (config.handlerType === 'JS' && this.options.mode !== 'all')) continue;
      try {
        this.entries.set(name, this.instantiate(config));
      } catch (error) {
        process.emitWarning(`embedded KurrentDB: projection ${name} could not be loaded: ${(error as Error).message}`);
      }
    }
  }

  private initialise(): void {
    this.append(PROJECTIONS_STREAM, PROJECTIONS_INITIALIZED, false, '');
    for (const rule of STANDARD_PROJECTIONS) {
      this.append(PROJECTIONS_STREAM, PROJECTION_CREATED, false, rule.name);
      this.saveConfig({
        name: rule.name,
        handlerType: 'native',
        query: '',
        mode: 'Continuous',
        enabled: this.options.startStandardProjections,
        emitEnabled: true,
        trackEmittedStreams: false,
        engineVersion: 1,
      });
    }
  }

  private storedConfig(name: string): ProjectionConfig | undefined {
    const stream = this.store.stream(configStreamOf(name));
    if (!stream || stream.lastRevision < 0) return undefined;
    try {
      return JSON.parse(this.store.data(stream.records[stream.lastRevision]).toString('utf8')) as ProjectionConfig;
    } catch {
      process.emitWarning(`embedded KurrentDB: ${configStreamOf(name)} holds no readable projection definition`);
      return undefined;
    }
  }

  private saveConfig(config: ProjectionConfig): void {
    this.append(configStreamOf(config.name), PROJECTION_UPDATED, true, JSON.stringify(config));
  }

  private append(stream: string, type: string, isJson: boolean, data: string): void {
    const event: ProposedEvent = { id: uuidTextToBytes(randomUUID()), type, isJson, metadata: new Uint8Array(0), data: Buffer.from(data) };
    this.store.append([{ stream, expected: ANY, events: [event] }]);
  }
}

export function newOneTimeName(): string {
  return randomUUID();
}
