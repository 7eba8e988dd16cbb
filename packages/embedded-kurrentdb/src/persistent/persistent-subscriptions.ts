import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { persistentSubscriptionError } from '../grpc/rpc-error.js';
import { uuidTextToBytes } from '../grpc/uuid.js';
import { ANY } from '../store/append-request.js';
import type { EventStore } from '../store/event-store.js';
import { groupKey, type GroupConfig } from './group-config.js';
import { PersistentGroup } from './persistent-group.js';

/** Where group definitions live, as on a real node; the newest event holds them all. */
const CONFIG_STREAM = '$persistentSubscriptionConfig';
const CONFIG_EVENT_TYPE = '$PersistentConfig';
/** The real server's timer granularity for message timeouts and checkpoints. */
const TICK_MS = 1000;

interface StoredConfig {
  version: 1;
  groups: GroupConfig[];
}

/**
 * Every persistent subscription group of the node. Definitions are events in
 * `$persistentSubscriptionConfig`, checkpoints and parked messages are streams of their own,
 * so all of it survives a restart of a server with a data directory.
 */
export class PersistentSubscriptions {
  private readonly groups = new Map<string, PersistentGroup>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly store: EventStore) {
    for (const config of this.storedConfigs()) {
      try {
        this.groups.set(groupKey(config.source, config.group), new PersistentGroup(store, config));
      } catch (error) {
        process.emitWarning(`embedded KurrentDB: persistent subscription ${config.group} on ${config.source} could not be loaded: ${(error as Error).message}`);
      }
    }
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const group of this.groups.values()) group.tick(now);
    }, TICK_MS);
    this.timer.unref();
  }

  get(source: string, group: string): PersistentGroup {
    const found = this.groups.get(groupKey(source, group));
    if (!found) throw doesNotExist(source, group);
    return found;
  }

  create(config: GroupConfig): void {
    const key = groupKey(config.source, config.group);
    if (this.groups.has(key)) {
      throw persistentSubscriptionError(status.ALREADY_EXISTS, 'persistent-subscription-exists', config.source, config.group, `Subscription group ${config.group} on stream ${config.source} already exists.`);
    }
    this.groups.set(key, new PersistentGroup(this.store, config));
    this.persist();
  }

  /** Replaces a group's settings; connected consumers are dropped and reconnect to the new group. */
  update(config: GroupConfig): void {
    const existing = this.get(config.source, config.group);
    existing.dropConsumers();
    existing.close();
    this.groups.set(groupKey(config.source, config.group), new PersistentGroup(this.store, config));
    this.persist();
  }

  delete(source: string, group: string): void {
    const existing = this.get(source, group);
    existing.dropConsumers();
    existing.close();
    this.groups.delete(groupKey(source, group));
    for (const stream of [existing.checkpointStream, existing.parkedStream]) {
      if (this.store.stream(stream)?.records.length) this.store.deleteStream(stream, ANY, 'soft');
    }
    this.persist();
  }

  /** Groups of one source (stream name or `$all`), or all of them. */
  list(source?: string): PersistentGroup[] {
    const all = [...this.groups.values()];
    if (source === undefined) return all;
    const matching = all.filter((group) => group.config.source === source);
    if (matching.length === 0) throw doesNotExist(source, '');
    return matching;
  }

  /** Drops every consumer and reloads each group from its checkpoint. */
  restart(): void {
    for (const [key, group] of this.groups) {
      group.dropConsumers();
      group.close();
      this.groups.set(key, new PersistentGroup(this.store, group.config));
    }
  }

  stop(): void {
    clearInterval(this.timer);
    for (const group of this.groups.values()) group.close();
  }

  private storedConfigs(): GroupConfig[] {
    const stream = this.store.stream(CONFIG_STREAM);
    if (!stream || stream.lastRevision < 0) return [];
    // Anyone may append to this stream in insecure mode: a foreign event must not stop the server.
    try {
      const stored = JSON.parse(this.store.data(stream.records[stream.lastRevision]).toString('utf8')) as Partial<StoredConfig>;
      return Array.isArray(stored.groups) ? stored.groups : [];
    } catch (error) {
      process.emitWarning(`embedded KurrentDB: ${CONFIG_STREAM} holds no readable configuration: ${(error as Error).message}`);
      return [];
    }
  }

  private persist(): void {
    const stored: StoredConfig = { version: 1, groups: [...this.groups.values()].map((group) => group.config) };
    this.store.append([
      {
        stream: CONFIG_STREAM,
        expected: ANY,
        events: [{ id: uuidTextToBytes(randomUUID()), type: CONFIG_EVENT_TYPE, isJson: true, metadata: new Uint8Array(0), data: Buffer.from(JSON.stringify(stored)) }],
      },
    ]);
  }
}

function doesNotExist(source: string, group: string) {
  return persistentSubscriptionError(
    status.NOT_FOUND,
    'persistent-subscription-does-not-exist',
    source,
    group,
    // Listing a stream without groups says the same with an empty group name, as the real server does.
    `Subscription group ${group} on stream ${source} does not exist.`,
  );
}

