import { PersistentSubscriptionDoesNotExistError, type Filter, type KurrentDBClient, type PersistentSubscriptionToAllInfo, type Position } from '@kurrent/kurrentdb-client';
import type { ConsumerGroup } from '../consumer-groups/consumer-group.js';
import { isAtOrAfter, recordedAfter } from './positions.js';

/** Where one consumer group stands, as the server reports it. */
export interface GroupStatus {
  /** Consumers connected to the group, in every process. */
  readonly consumers: number;
  /** Every event up to here has been processed (acknowledged) by the group. */
  readonly position?: Position;
  readonly caughtUp: boolean;
  /** How far behind the head the group is, in log positions (bytes of the log on a KurrentDB node). */
  readonly lagPosition: bigint;
  /** How long the oldest unprocessed event has waited; 0 when caught up. */
  readonly lagMs: number;
  readonly inFlight: number;
}

/**
 * Reads a group's status in O(1): one info call, and one read when it is behind. The server knows
 * what every consumer acknowledged: with nothing outstanding, the group has processed all it has
 * seen; otherwise it has processed up to its last checkpoint (written every second under load).
 * `head` is the newest event the group's filter lets through (see headOf in subscription-host.ts).
 */
export async function groupStatus(client: KurrentDBClient, group: Pick<ConsumerGroup, 'serverName' | 'filter'>, head: Position | undefined): Promise<GroupStatus> {
  let info: PersistentSubscriptionToAllInfo;
  try {
    info = await client.getPersistentSubscriptionToAllInfo(group.serverName);
  } catch (error) {
    if (!(error instanceof PersistentSubscriptionDoesNotExistError)) throw error;
    // No projector has started yet: nothing processed.
    return { consumers: 0, caughtUp: head === undefined, lagPosition: head?.commit ?? 0n, lagMs: head ? await waitedSince(client, undefined, group.filter) : 0, inFlight: 0 };
  }
  const { stats } = info;
  const outstanding = stats.totalInFlightMessages + stats.readBufferCount + Number(stats.liveBufferCount) + stats.retryBufferCount;
  const idle = info.connections.length > 0 && outstanding === 0;
  const position = idle ? (stats.lastKnownEventPosition ?? stats.lastCheckpointedEventPosition) : stats.lastCheckpointedEventPosition;
  const caughtUp = head === undefined || isAtOrAfter(position, head);
  return {
    consumers: info.connections.length,
    position,
    caughtUp,
    lagPosition: caughtUp || !head ? 0n : head.commit - (position?.commit ?? 0n),
    lagMs: caughtUp ? 0 : await waitedSince(client, position, group.filter),
    inFlight: stats.totalInFlightMessages,
  };
}

async function waitedSince(client: KurrentDBClient, position: Position | undefined, filter: Filter): Promise<number> {
  const recorded = await recordedAfter(client, position, filter);
  return recorded ? Math.max(0, Date.now() - recorded.getTime()) : 0;
}
