import { Logger } from '@nestjs/common';
import type { KurrentDBClient, RecordedEvent } from '@kurrent/kurrentdb-client';
import { EventSerializer, EventTypeRegistry } from '@openbank/event-sourcing';
import { eventually } from '@openbank/testing';
import { EventEmitter } from 'node:events';
import { ThingLostV1, thingCloudEventTypes, thingId } from '../../test/cloudevent.fixtures.js';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { CloudEventTypeRegistry } from '../mapping/cloudevent-type.registry.js';
import { LiveCloudEventFeed, type LiveFeedMessage } from './live-cloudevent.feed.js';

/** Stands in for the KurrentDB client: records the $all subscriptions it is asked for. */
class SubscriptionsRecorder {
  readonly opened: (EventEmitter & { unsubscribed: boolean; options: unknown })[] = [];

  subscribeToAll(options: unknown) {
    const subscription = Object.assign(new EventEmitter(), {
      unsubscribed: false,
      options,
      unsubscribe: async () => {
        subscription.unsubscribed = true;
      },
    });
    this.opened.push(subscription);
    return subscription;
  }
}

const lost = (id: string): { event: RecordedEvent } =>
  ({
    event: {
      id,
      type: 'ThingLostV1',
      streamId: `thing-${thingId}`,
      revision: 0n,
      isJson: true,
      data: { thingId },
      metadata: { correlationId: 'c', causationId: 'c', aggregateType: 'Thing', aggregateId: thingId, occurredAt: '2026-03-01T00:00:00.000Z', principal: 'p' },
      created: new Date(),
    },
  }) as unknown as { event: RecordedEvent };

describe('the live CloudEvent feed', () => {
  const events = new EventTypeRegistry();
  events.registerEvents([ThingLostV1]);
  const types = new CloudEventTypeRegistry();
  types.register(thingCloudEventTypes);
  let client: SubscriptionsRecorder;
  let feed: LiveCloudEventFeed;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  beforeEach(() => {
    client = new SubscriptionsRecorder();
    feed = new LiveCloudEventFeed(client as unknown as KurrentDBClient, new EventSerializer(events), new CloudEventMapper(types));
  });

  const watcher = () => {
    const seen: LiveFeedMessage[] = [];
    let completed = false;
    const subscription = feed.watch().subscribe({ next: (message) => seen.push(message), complete: () => (completed = true) });
    return { seen, subscription, completed: () => completed };
  };

  it('opens one subscription from the end of $all for every watcher, and closes it when the last one leaves', () => {
    const first = watcher();
    const second = watcher();
    expect(client.opened).toHaveLength(1);
    expect(client.opened[0].options).toMatchObject({ fromPosition: 'end' });
    first.subscription.unsubscribe();
    expect(client.opened[0].unsubscribed).toBe(false);
    second.subscription.unsubscribe();
    expect(client.opened[0].unsubscribed).toBe(true);
    watcher();
    expect(client.opened).toHaveLength(2);
  });

  it('tells each watcher when it is live, then hands every watcher each event as a CloudEvent, in order', async () => {
    const early = watcher();
    client.opened[0].emit('confirmation');
    const late = watcher();
    client.opened[0].emit('data', lost('e-1'));
    client.opened[0].emit('data', { event: { ...lost('e-2').event, type: '$metadata' } });
    client.opened[0].emit('data', lost('e-3'));
    // Events are decoded one after another (opening sealed personal data may ask the key store).
    await eventually(() => {
      for (const { seen } of [early, late]) {
        expect(seen.map((message) => ('live' in message ? 'live' : message.event.id))).toEqual(['live', 'e-1', 'e-3']);
      }
    });
    expect(early.seen[1]).toMatchObject({ event: { type: 'bank.thing.lost.v1', subject: thingId, data: { thing_id: thingId } } });
  });

  it('ends every watcher when the application stops, and when the subscription fails', () => {
    const stopped = watcher();
    feed.onModuleDestroy();
    expect(stopped.completed()).toBe(true);
    expect(client.opened[0].unsubscribed).toBe(true);
    expect(watcher().completed()).toBe(true);

    const other = new LiveCloudEventFeed(client as unknown as KurrentDBClient, new EventSerializer(events), new CloudEventMapper(types));
    let ended = false;
    other.watch().subscribe({ complete: () => (ended = true) });
    client.opened.at(-1)!.emit('error', new Error('connection lost'));
    expect(ended).toBe(true);
  });
});
