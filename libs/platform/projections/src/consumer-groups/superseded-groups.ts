import { PersistentSubscriptionDoesNotExistError, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import { domainError } from '@openbank/shared-kernel';
import type { ConsumerGroup } from './consumer-group.js';
import { earlierVersionsOf, groupsOnAll } from './server-groups.js';

/** A group on the server that an earlier version of a subscriber consumed, replaced by a group under another name. */
export interface SupersededGroup {
  /** Its name on the server. */
  readonly serverName: string;
  /** The current group that replaced it, as operators call it (`transfer-process`). */
  readonly replacedBy: string;
  /** Consumers still connected: projectors of the earlier version. */
  readonly consumers: number;
  readonly checkpoint?: Position;
}

export class SupersededGroupNotFound extends domainError('CONSUMER_GROUP_NOT_FOUND', 'not-found') {}
export class SupersededGroupInUse extends domainError('CONSUMER_GROUP_IN_USE', 'conflict') {}

/**
 * The groups earlier versions of the bank's subscribers left on the server. A new version's group
 * starts where they had got to and they are left alone (see ensureGroup): a projector of the earlier
 * version may still be running during an upgrade. Once none is, each one only holds the server's
 * memory and its parked stream, and operators delete it.
 */
export class SupersededGroups {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly current: () => readonly ConsumerGroup[],
  ) {}

  async list(): Promise<SupersededGroup[]> {
    const existing = await groupsOnAll(this.client);
    const currentNames = new Set(this.current().map((group) => group.serverName));
    return this.current().flatMap((group) =>
      earlierVersionsOf(group, existing)
        .filter(({ groupName }) => !currentNames.has(groupName))
        .map((info) => ({
          serverName: info.groupName,
          replacedBy: group.name,
          consumers: info.connections.length,
          checkpoint: info.stats.lastCheckpointedEventPosition,
        })),
    );
  }

  /**
   * Deletes a superseded group no consumer is connected to. A projector of the earlier version that
   * still starts afterwards creates its group again: its members do nothing twice, so that costs
   * work and changes nothing. Names alone cannot tell earlier from later: during a rolling upgrade,
   * a process of the older version sees the newer version's group here. Its projectors are
   * connected to it, so it is refused; were they all down, the group they create again starts
   * where the older one stands, and nothing is lost either.
   */
  async delete(serverName: string): Promise<void> {
    const group = (await this.list()).find((superseded) => superseded.serverName === serverName);
    if (!group) throw new SupersededGroupNotFound(`no superseded consumer group named ${serverName}`, { group: serverName });
    if (group.consumers > 0) {
      throw new SupersededGroupInUse(`${serverName} still has ${group.consumers} consumer(s): a projector of an earlier version is running`, { group: serverName, consumers: group.consumers });
    }
    try {
      await this.client.deletePersistentSubscriptionToAll(serverName);
    } catch (error) {
      // Deleted by another operator meanwhile: the outcome asked for.
      if (!(error instanceof PersistentSubscriptionDoesNotExistError)) throw error;
    }
  }
}
