import {
  DISPATCH_TO_SINGLE,
  jsonEvent,
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionDroppedError,
  PersistentSubscriptionExistsError,
  PersistentSubscriptionMaximumSubscribersReachedError,
  PINNED,
  persistentSubscriptionToAllSettingsFromDefaults,
  persistentSubscriptionToStreamSettingsFromDefaults,
  ROUND_ROBIN,
  START,
  streamNameFilter,
  type PersistentSubscriptionToStreamSettings,
} from '@kurrent/kurrentdb-client';
import { eventually, rejection, streamName, uniqueCategory, useTarget } from '../support/target.js';

type Delivery = { type: string; revision: bigint; retryCount: number; consumer: number };

describe('persistent subscriptions', () => {
  const target = useTarget();
  const client = () => target().client;
  const group = () => `group-${Math.random().toString(36).slice(2)}`;
  const settings = (changes: Partial<PersistentSubscriptionToStreamSettings> = {}) =>
    persistentSubscriptionToStreamSettingsFromDefaults({ startFrom: START, ...changes });
  const append = (stream: string, types: string[]) => client().appendToStream(stream, types.map((type) => jsonEvent({ type, data: {} })));

  /**
   * Connects `consumers` subscriptions to a stream group; `handle` decides per delivery
   * ('ack' | 'retry' | 'park' | 'skip' | 'ignore'); resolves once `done` holds.
   */
  async function consume(
    stream: string,
    groupName: string,
    handle: (delivery: Delivery, log: Delivery[]) => 'ack' | 'retry' | 'park' | 'skip' | 'ignore',
    done: (log: Delivery[]) => boolean,
    { consumers = 1, bufferSize = 10, beforeStart }: { consumers?: number; bufferSize?: number; beforeStart?: () => Promise<unknown> } = {},
  ): Promise<Delivery[]> {
    const log: Delivery[] = [];
    const subscriptions = Array.from({ length: consumers }, () => client().subscribeToPersistentSubscriptionToStream(stream, groupName, { bufferSize }));
    await Promise.all(subscriptions.map((s) => new Promise((resolve) => s.once('confirmation', resolve))));
    await beforeStart?.();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not done: ${JSON.stringify(log, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`)), 15000);
        subscriptions.forEach((subscription, consumer) => {
          subscription.on('error', reject);
          subscription.on('data', (resolved) => {
            const delivery = { type: resolved.event!.type, revision: resolved.event!.revision, retryCount: resolved.retryCount, consumer };
            log.push(delivery);
            const action = handle(delivery, log);
            const ack = action === 'ack' ? subscription.ack(resolved) : action === 'ignore' ? Promise.resolve() : subscription.nack(action, 'test', resolved);
            void ack.then(() => {
              if (done(log)) {
                clearTimeout(timer);
                resolve();
              }
            });
          });
        });
      });
    } finally {
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    }
    return log;
  }

  it('a stream group delivers from start with retryCount 0 and takes acks', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['A', 'B', 'C']);
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    const log = await consume(stream, name, () => 'ack', (l) => l.length === 3);
    expect(log.map((d) => [d.type, d.retryCount])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
    ]);
  });

  it('a group can be created before its stream exists and delivers what is written later', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    const log = await consume(stream, name, () => 'ack', (l) => l.length === 1, { beforeStart: () => append(stream, ['Later']) });
    expect(log.map((d) => d.type)).toEqual(['Later']);
  });

  it('creating an existing group is PersistentSubscriptionExistsError; reading a missing one DoesNotExist', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    expect(await rejection(client().createPersistentSubscriptionToStream(stream, name, settings()))).toBeInstanceOf(PersistentSubscriptionExistsError);
    const subscription = client().subscribeToPersistentSubscriptionToStream(stream, 'missing-group');
    const error = await new Promise<Error>((resolve) => subscription.on('error', resolve));
    expect(error).toBeInstanceOf(PersistentSubscriptionDoesNotExistError);
  });

  it('nack retry redelivers with retryCount 0..max, then parks and moves on', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['Poison', 'Fine']);
    await client().createPersistentSubscriptionToStream(stream, name, settings({ maxRetryCount: 5 }));
    const log = await consume(
      stream,
      name,
      (d) => (d.type === 'Poison' ? 'retry' : 'ack'),
      (l) => l.some((d) => d.type === 'Fine') && l.filter((d) => d.type === 'Poison').length === 6,
    );
    expect(log.filter((d) => d.type === 'Poison').map((d) => d.retryCount)).toEqual([0, 1, 2, 3, 4, 5]);
    const parked = await eventually(async () => {
      const count = (await client().getPersistentSubscriptionToStreamInfo(stream, name)).stats.parkedMessageCount;
      return count > 0n ? count : undefined;
    });
    expect(parked).toBe(1n);
  });

  it('messages nacked with retry come back before the events after them', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, [...Array.from({ length: 10 }, () => 'Retried'), 'Finish']);
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    // A buffer of 10 holds the 10 Retried events; they are all nacked at once, so the server has
    // ten retries and a newer event (Finish) to choose from when the slots free up.
    const subscription = client().subscribeToPersistentSubscriptionToStream(stream, name, { bufferSize: 10 });
    const order: string[] = [];
    const firstRound: Parameters<typeof subscription.nack>[2][] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        subscription.on('error', reject);
        subscription.on('data', (resolved) => {
          order.push(`${resolved.event!.type}#${resolved.retryCount}`);
          if (resolved.event!.type === 'Finish') return resolve();
          if (resolved.retryCount > 0) return void subscription.ack(resolved);
          firstRound.push(resolved);
          if (firstRound.length === 10) void subscription.nack('retry', 'all at once', ...firstRound);
        });
      });
    } finally {
      await subscription.unsubscribe();
    }
    expect(order.slice(10, 20)).toEqual(Array.from({ length: 10 }, () => 'Retried#1'));
    expect(order[20]).toBe('Finish#0');
  });

  it('reads its stream as a stream read does: $maxCount and $tb hide events from a group too', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['Old1', 'Old2', 'Old3', 'New1', 'New2']);
    await client().setStreamMetadata(stream, { maxCount: 2 });
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    const log = await consume(stream, name, () => 'ack', (l) => l.length === 2);
    expect(log.map((d) => d.type)).toEqual(['New1', 'New2']);
  });

  it('with extraStatistics, a connection reports its processing-time measurements', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['A', 'B', 'C']);
    await client().createPersistentSubscriptionToStream(stream, name, settings({ extraStatistics: true }));
    const subscription = client().subscribeToPersistentSubscriptionToStream(stream, name);
    subscription.on('data', (resolved) => void subscription.ack(resolved));
    const connection = await eventually(async () => {
      const [found] = (await client().getPersistentSubscriptionToStreamInfo(stream, name)).connections;
      return found?.extraStatistics?.get('quintile 3') !== undefined ? found : undefined;
    });
    await subscription.unsubscribe();
    expect([...connection.extraStatistics!.keys()]).toEqual(expect.arrayContaining(['mean', 'median', 'fastest', 'quintile 1', '99%', 'highest']));
    expect(connection.totalItems).toBe(3n);
  });

  it('parked messages come back on replayParked, and skip acknowledges', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['ToPark', 'ToSkip']);
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    await consume(stream, name, (d) => (d.type === 'ToPark' ? 'park' : 'skip'), (l) => l.length === 2);
    await eventually(async () => ((await client().getPersistentSubscriptionToStreamInfo(stream, name)).stats.parkedMessageCount === 1n ? true : undefined));
    const replayed = await consume(stream, name, () => 'ack', (l) => l.length === 1, {
      beforeStart: () => client().replayParkedMessagesToStream(stream, name),
    });
    expect(replayed.map((d) => d.type)).toEqual(['ToPark']);
    expect((await client().getPersistentSubscriptionToStreamInfo(stream, name)).stats.parkedMessageCount).toBe(0n);
  });

  it('an unacknowledged message is retried after the message timeout', async () => {
    const stream = streamName('ps');
    const name = group();
    await append(stream, ['Slow']);
    await client().createPersistentSubscriptionToStream(stream, name, settings({ messageTimeout: 200 }));
    const log = await consume(stream, name, (d) => (d.retryCount === 0 ? 'ignore' : 'ack'), (l) => l.length === 2);
    expect(log.map((d) => d.retryCount)).toEqual([0, 1]);
  });

  it('RoundRobin spreads messages over consumers; DispatchToSingle fills one first; Pinned keeps a stream on one', async () => {
    for (const [strategy, expected] of [
      [ROUND_ROBIN, [2, 2]],
      [DISPATCH_TO_SINGLE, [4, 0]],
      [PINNED, 'one consumer'],
    ] as const) {
      const stream = streamName('ps');
      const name = group();
      await client().createPersistentSubscriptionToStream(stream, name, settings({ consumerStrategyName: strategy }));
      const log = await consume(stream, name, () => 'ack', (l) => l.length === 4, {
        consumers: 2,
        beforeStart: () => append(stream, ['A', 'B', 'C', 'D']),
      });
      const counts = [0, 1].map((consumer) => log.filter((d) => d.consumer === consumer).length);
      if (expected === 'one consumer') expect([...counts].sort()).toEqual([0, 4]);
      else expect(counts).toEqual(expected);
    }
  });

  it('a subscriber over maxSubscriberCount is refused', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings({ maxSubscriberCount: 1 }));
    const first = client().subscribeToPersistentSubscriptionToStream(stream, name);
    await new Promise((resolve) => first.once('confirmation', resolve));
    const second = client().subscribeToPersistentSubscriptionToStream(stream, name);
    const error = await new Promise<Error>((resolve) => second.on('error', resolve));
    expect(error).toBeInstanceOf(PersistentSubscriptionMaximumSubscribersReachedError);
    await first.unsubscribe();
  });

  it('updating a group drops its consumers with PersistentSubscriptionDroppedError', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    const subscription = client().subscribeToPersistentSubscriptionToStream(stream, name);
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    const dropped = new Promise<Error>((resolve) => subscription.on('error', resolve));
    await client().updatePersistentSubscriptionToStream(stream, name, settings({ maxRetryCount: 3 }));
    expect(await dropped).toBeInstanceOf(PersistentSubscriptionDroppedError);
    expect((await client().getPersistentSubscriptionToStreamInfo(stream, name)).settings.maxRetryCount).toBe(3);
  });

  it('restarting the subsystem drops consumers; the group keeps delivering afterwards', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    const subscription = client().subscribeToPersistentSubscriptionToStream(stream, name);
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    const dropped = new Promise<Error>((resolve) => subscription.on('error', resolve));
    await client().restartPersistentSubscriptionSubsystem();
    expect(await dropped).toBeInstanceOf(PersistentSubscriptionDroppedError);
    const log = await consume(stream, name, () => 'ack', (l) => l.length === 1, { beforeStart: () => append(stream, ['AfterRestart']) });
    expect(log.map((d) => d.type)).toEqual(['AfterRestart']);
  });

  it('info echoes settings and start; list finds groups; a stream without groups is DoesNotExist', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings({ maxRetryCount: 7, messageTimeout: 12345 }));
    const info = await client().getPersistentSubscriptionToStreamInfo(stream, name);
    expect(info).toMatchObject({ eventSource: stream, groupName: name, settings: { maxRetryCount: 7, messageTimeout: 12345, startFrom: START } });
    const listed = await client().listPersistentSubscriptionsToStream(stream);
    expect(listed.map((i) => i.groupName)).toEqual([name]);
    expect((await client().listAllPersistentSubscriptions()).some((i) => i.groupName === name)).toBe(true);
    const none = streamName('none');
    const error = await rejection(client().listPersistentSubscriptionsToStream(none));
    expect(error).toBeInstanceOf(PersistentSubscriptionDoesNotExistError);
    // The real server's words, with an empty group name.
    expect(error.message).toBe(`5 NOT_FOUND: Subscription group  on stream ${none} does not exist.`);
  });

  it('deleting a group makes it disappear', async () => {
    const stream = streamName('ps');
    const name = group();
    await client().createPersistentSubscriptionToStream(stream, name, settings());
    await client().deletePersistentSubscriptionToStream(stream, name);
    expect(await rejection(client().getPersistentSubscriptionToStreamInfo(stream, name))).toBeInstanceOf(PersistentSubscriptionDoesNotExistError);
  });

  it('a $all group with a stream filter delivers only matching events', async () => {
    const category = uniqueCategory('psall');
    const name = group();
    const start = await client().appendToStream(streamName('marker'), jsonEvent({ type: 'Marker', data: {} }));
    await client().createPersistentSubscriptionToAll(name, persistentSubscriptionToAllSettingsFromDefaults({ startFrom: start.position! }), {
      filter: streamNameFilter({ prefixes: [`${category}-`] }),
    });
    await append(streamName(category), ['Wanted1']);
    await append(streamName('other'), ['Unwanted']);
    await append(streamName(category), ['Wanted2']);
    const subscription = client().subscribeToPersistentSubscriptionToAll(name);
    const types: string[] = [];
    for await (const resolved of subscription) {
      types.push(resolved.event!.type);
      await subscription.ack(resolved);
      if (types.length === 2) break;
    }
    await subscription.unsubscribe();
    expect(types).toEqual(['Wanted1', 'Wanted2']);
    const info = await client().getPersistentSubscriptionToAllInfo(name);
    expect(info.eventSource).toBe('$all');
  });
});
