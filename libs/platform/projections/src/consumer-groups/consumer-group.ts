import { createHash } from 'node:crypto';
import { START, UNBOUNDED, eventTypeFilter, excludeSystemEvents, persistentSubscriptionToAllSettingsFromDefaults, type Filter, type PersistentSubscriptionToAllSettings } from '@kurrent/kurrentdb-client';
import type { AnySubscriber, EventSubscriberMetadata } from '../subscribers/event-subscriber.js';

/** A subscriber with what it was declared with, and the stored event types it takes. */
export interface GroupMember {
  readonly metadata: EventSubscriberMetadata;
  readonly instance: AnySubscriber;
  readonly storedTypes: ReadonlySet<string>;
}

/**
 * One persistent subscription group on $all and the subscribers it feeds. Every projection shares
 * the `projections` group (events read and decoded once, applied in batches); each process manager
 * and each sink has a group of its own, so one that waits (a sink that is down) holds up no other.
 */
export interface ConsumerGroup {
  /** How operators call it: `projections`, `transfer-process`, `cloudevents:<sink>`. */
  readonly name: string;
  /** The group's name on the server. */
  readonly serverName: string;
  /**
   * What the server hands the group: every event of the bank, or only the types its member takes.
   * A group's filter cannot change on the server, so a group filtered by type is named after its
   * types; a group of the same subscriber under another name is an earlier version of it (see
   * server-groups.ts).
   */
  readonly filter: Filter;
  /** The name the subscriber's groups share on the server, with or without a types suffix. */
  readonly lineage: string;
  /**
   * `batches`: each member gets whatever arrived at once (projections). `per-stream`: each event
   * alone as it arrives, in order within its stream, streams side by side (process managers: one
   * transfer's steps wait for each other, different transfers do not). `one-at-a-time`: each
   * event alone, in the order received (sinks).
   */
  readonly delivery: 'batches' | 'per-stream' | 'one-at-a-time';
  readonly members: readonly GroupMember[];
  /** Events the server lets one consumer hold unacknowledged. */
  readonly bufferSize: number;
  readonly serverSettings: PersistentSubscriptionToAllSettings;
}

export const projectionsGroupName = 'projections';

/** Group names on the server: letters, digits and dashes, under one prefix of the bank's own. */
export const serverGroupName = (name: string) => `openbank-${name.replace(/[^A-Za-z0-9-]+/g, '-')}`;

/**
 * Server settings every group shares. The server never parks a message itself (it would park it
 * for every member at once, and after a long read-store outage, for no fault of the event): the
 * consumer retries, and parks per member in the bank's own parked list. Events of one stream go to
 * one consumer at a time (`Pinned`), so each aggregate's events are applied in order; a message
 * whose consumer died is handed to another one after the connection drops.
 */
function serverSettings(overrides: Partial<PersistentSubscriptionToAllSettings>): PersistentSubscriptionToAllSettings {
  return persistentSubscriptionToAllSettingsFromDefaults({
    startFrom: START,
    consumerStrategyName: 'Pinned',
    maxSubscriberCount: UNBOUNDED,
    // A message still unacknowledged after this is sent again (the consumer drops duplicates it
    // is still working on); high enough for a batch that waits out a short outage.
    messageTimeout: 60_000,
    maxRetryCount: 10_000,
    // Where the group resumes after a server restart, and what the status reports under load.
    checkPointAfter: 1000,
    checkPointLowerBound: 1,
    checkPointUpperBound: 1000,
    readBatchSize: 500,
    historyBufferSize: 2000,
    liveBufferSize: 2000,
    ...overrides,
  });
}

/** Only the bank's events: system events (checkpoints, metadata, parked links) never reach a consumer. */
export const bankEventsFilter = () => excludeSystemEvents();

/** A server-side filter matching exactly these event types (a prefix filter would also match `…V10`). */
export function exactTypesRegex(types: Iterable<string>): string {
  const escaped = [...types].map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?:${escaped.join('|')})$`;
}

/** Tells one set of event types from another in a group's server name: 8 hex digits of their hash. */
const typesSuffix = (types: Iterable<string>) => createHash('sha256').update([...types].sort().join('\n')).digest('hex').slice(0, 8);

export function projectionsGroup(members: readonly GroupMember[], maxBatchEvents: number): ConsumerGroup {
  return {
    name: projectionsGroupName,
    serverName: serverGroupName(projectionsGroupName),
    filter: bankEventsFilter(),
    lineage: serverGroupName(projectionsGroupName),
    delivery: 'batches',
    members,
    // Room for the next batch to arrive while one is applied.
    bufferSize: maxBatchEvents * 2,
    serverSettings: serverSettings({}),
  };
}

/** Events a process manager's consumer holds at once: as many streams move side by side. */
const processBufferSize = 200;

/**
 * A process manager takes a few event types of the many in $all: the server hands its group those
 * alone, instead of every event for the consumer to drop.
 */
export function processGroup(member: GroupMember): ConsumerGroup {
  const lineage = serverGroupName(member.metadata.name);
  return {
    name: member.metadata.name,
    serverName: `${lineage}-${typesSuffix(member.storedTypes)}`,
    filter: eventTypeFilter({ regex: exactTypesRegex(member.storedTypes) }),
    lineage,
    delivery: 'per-stream',
    members: [member],
    bufferSize: processBufferSize,
    serverSettings: serverSettings({}),
  };
}

/**
 * A sink receives every event in order: one consumer at a time takes the group (others wait on
 * standby and take over when it goes away), and it acknowledges each event once delivered.
 */
export function sinkGroup(member: GroupMember): ConsumerGroup {
  return {
    name: member.metadata.name,
    serverName: serverGroupName(member.metadata.name),
    filter: bankEventsFilter(),
    lineage: serverGroupName(member.metadata.name),
    delivery: 'one-at-a-time',
    members: [member],
    bufferSize: 20,
    serverSettings: serverSettings({ consumerStrategyName: 'DispatchToSingle', maxSubscriberCount: 1, messageTimeout: 600_000 }),
  };
}
