import {
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionExistsError,
  START,
  type KurrentDBClient,
  type PersistentSubscriptionToAllInfo,
  type Position,
} from '@kurrent/kurrentdb-client';
import { comparePositions } from '../status/positions.js';
import type { ConsumerGroup } from './consumer-group.js';

/** The settings the bank chooses for its groups; the others keep the server's defaults. */
const chosenSettings = ['consumerStrategyName', 'maxSubscriberCount', 'messageTimeout', 'maxRetryCount', 'checkPointAfter', 'checkPointLowerBound', 'checkPointUpperBound'] as const;

/**
 * Creates the group on the server, or brings an existing one's settings up to date: only when they
 * differ, since an update drops every consumer of the group. Another process may be creating the
 * group at the same moment: either way, it exists afterwards.
 *
 * A new group whose subscriber had a group under another name (a process manager that now takes
 * other event types, or one from before groups were filtered by type) starts where that earlier
 * group had got to, not from the start of $all: the events since its last checkpoint are handed
 * out again, which a subscriber takes without doing anything twice. The earlier group is left
 * alone, for a projector of the older version may still consume it; operators delete it once
 * none does (`openbank projections superseded --delete`).
 */
export async function ensureGroup(client: KurrentDBClient, group: ConsumerGroup): Promise<void> {
  try {
    const startFrom = resumePosition(group, await groupsOnAll(client));
    await client.createPersistentSubscriptionToAll(group.serverName, { ...group.serverSettings, startFrom }, { filter: group.filter });
  } catch (error) {
    if (!(error instanceof PersistentSubscriptionExistsError)) throw error;
    const { settings } = await client.getPersistentSubscriptionToAllInfo(group.serverName);
    const differs = chosenSettings.some((name) => String(settings[name]) !== String(group.serverSettings[name]));
    if (differs) await client.updatePersistentSubscriptionToAll(group.serverName, group.serverSettings);
  }
}

/** Every group on $all; the server answers "not found" while there is none. */
export async function groupsOnAll(client: KurrentDBClient): Promise<PersistentSubscriptionToAllInfo[]> {
  try {
    return await client.listPersistentSubscriptionsToAll();
  } catch (error) {
    if (error instanceof PersistentSubscriptionDoesNotExistError) return [];
    throw error;
  }
}

/**
 * Where a group created now starts: the oldest checkpoint among the earlier versions of its
 * subscriber's group, or the start of $all when there are none (or one never checkpointed).
 */
export function resumePosition(group: Pick<ConsumerGroup, 'serverName' | 'lineage'>, existing: readonly Pick<PersistentSubscriptionToAllInfo, 'groupName' | 'stats'>[]): Position | typeof START {
  const earlier = earlierVersionsOf(group, existing);
  if (earlier.length === 0) return START;
  const checkpoints = earlier.map(({ stats }) => stats.lastCheckpointedEventPosition);
  if (checkpoints.some((position) => position === undefined)) return START;
  return (checkpoints as Position[]).reduce((oldest, position) => (comparePositions(position, oldest) < 0 ? position : oldest));
}

/**
 * The groups on the server that are earlier versions of `group`: its subscriber's groups under
 * another name (unfiltered, or filtered by other types).
 */
export function earlierVersionsOf<G extends Pick<PersistentSubscriptionToAllInfo, 'groupName'>>(group: Pick<ConsumerGroup, 'serverName' | 'lineage'>, existing: readonly G[]): G[] {
  const version = new RegExp(`^${group.lineage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:-[0-9a-f]{8})?$`);
  return existing.filter(({ groupName }) => groupName !== group.serverName && version.test(groupName));
}
