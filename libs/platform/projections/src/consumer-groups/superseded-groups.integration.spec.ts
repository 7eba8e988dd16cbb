import type { TestingModule } from '@nestjs/testing';
import { KurrentDBClient, persistentSubscriptionToAllSettingsFromDefaults } from '@kurrent/kurrentdb-client';
import { eventually, startTestStores, type TestStores } from '@openbank/testing';
import { startTallies } from '../../test/tally.fixtures.js';
import { SubscriptionHost } from '../subscription-host.js';
import { SupersededGroupInUse, SupersededGroupNotFound } from './superseded-groups.js';

describe('consumer groups left by earlier versions of a subscriber', () => {
  let stores: TestStores;
  let app: TestingModule;
  let host: SubscriptionHost;
  let client: KurrentDBClient;

  beforeAll(async () => {
    stores = await startTestStores();
    app = await startTallies(stores.kurrentdb, stores.mongodb, stores.mongoDatabase);
    host = app.get(SubscriptionHost);
    client = app.get(KurrentDBClient);
    // The tally watcher's groups of two earlier versions: unfiltered, and filtered by other types.
    for (const name of ['openbank-tally-watcher', 'openbank-tally-watcher-0a1b2c3d']) {
      await client.createPersistentSubscriptionToAll(name, persistentSubscriptionToAllSettingsFromDefaults());
    }
    // Groups of no subscriber of the bank's are none of its business.
    await client.createPersistentSubscriptionToAll('someone-elses-group', persistentSubscriptionToAllSettingsFromDefaults());
  });

  afterAll(async () => {
    await app?.close();
    await stores?.stop();
  });

  const listed = async () => (await host.superseded.list()).map(({ serverName, replacedBy, consumers }) => ({ serverName, replacedBy, consumers }));

  it('lists the earlier groups of each subscriber with the group that replaced them, and no current or foreign group', async () => {
    expect(await listed()).toEqual([
      { serverName: 'openbank-tally-watcher', replacedBy: 'tally-watcher', consumers: 0 },
      { serverName: 'openbank-tally-watcher-0a1b2c3d', replacedBy: 'tally-watcher', consumers: 0 },
    ]);
  });

  it('refuses to delete a group a projector of the earlier version still consumes, and deletes it once none does', async () => {
    const earlierProjector = client.subscribeToPersistentSubscriptionToAll('openbank-tally-watcher-0a1b2c3d');
    earlierProjector.on('data', () => undefined);
    await eventually(async () => expect((await listed()).find((group) => group.serverName === 'openbank-tally-watcher-0a1b2c3d')?.consumers).toBe(1));
    await expect(host.superseded.delete('openbank-tally-watcher-0a1b2c3d')).rejects.toBeInstanceOf(SupersededGroupInUse);

    await earlierProjector.unsubscribe();
    await eventually(async () => expect((await listed()).find((group) => group.serverName === 'openbank-tally-watcher-0a1b2c3d')?.consumers).toBe(0));
    await host.superseded.delete('openbank-tally-watcher-0a1b2c3d');
    expect(await listed()).toEqual([{ serverName: 'openbank-tally-watcher', replacedBy: 'tally-watcher', consumers: 0 }]);
  });

  it('deletes no current group, and none that is not the bank’s', async () => {
    const current = (await client.listPersistentSubscriptionsToAll()).map((group) => group.groupName).filter((name) => name.startsWith('openbank-tally-watcher-'));
    expect(current).toHaveLength(1);
    for (const name of [...current, 'openbank-projections', 'someone-elses-group', 'openbank-nothing']) {
      await expect(host.superseded.delete(name)).rejects.toBeInstanceOf(SupersededGroupNotFound);
    }
    const remaining = (await client.listPersistentSubscriptionsToAll()).map((group) => group.groupName);
    expect(remaining).toEqual(expect.arrayContaining([...current, 'openbank-projections', 'someone-elses-group']));
  });
});
