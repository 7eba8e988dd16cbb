import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventSerializer, EventTypeRegistry } from '@openbank/event-sourcing';
import { ALL_DOMAIN_EVENTS, SubscriptionHost, type EventSubscriberMetadata } from '@openbank/projections';
import { ThingLostV1, ThingPaidV2, thingCloudEventTypes } from '../test/cloudevent.fixtures.js';
import { CloudEventsModule } from './cloudevents.module.js';

/** What CloudEventsModule takes from the event-sourcing and projections modules, without any store. */
function storesStandIn(registered: EventSubscriberMetadata[]): DynamicModule {
  @Global()
  @Module({})
  class StoresStandIn {}
  const events = new EventTypeRegistry();
  events.registerEvents([ThingPaidV2, ThingLostV1]);
  const providers = [
    { provide: EventTypeRegistry, useValue: events },
    { provide: EventSerializer, useValue: new EventSerializer(events) },
    { provide: KurrentDBClient, useValue: {} },
    { provide: SubscriptionHost, useValue: { register: (metadata: EventSubscriberMetadata) => registered.push(metadata), stop: async () => undefined } },
  ];
  return { module: StoresStandIn, providers, exports: providers.map((provider) => provider.provide) };
}

async function start(...imports: DynamicModule[]) {
  const registered: EventSubscriberMetadata[] = [];
  const module = await Test.createTestingModule({ imports: [storesStandIn(registered), ...imports] }).compile();
  await module.init();
  await module.close();
  return registered;
}

describe('CloudEventsModule', () => {
  it('starts when every stored event has a CloudEvent type, with one subscription to all events per sink', async () => {
    const registered = await start(
      CloudEventsModule.forRoot({ sinks: ['http://sink-a.test/events', 'https://ops:secret@sink-b.test/in?token=x'] }),
      CloudEventsModule.forFeature(thingCloudEventTypes),
    );
    expect(registered).toEqual([
      { name: 'cloudevents:http://sink-a.test/events', kind: 'sink', events: ALL_DOMAIN_EVENTS },
      { name: 'cloudevents:https://sink-b.test/in', kind: 'sink', events: ALL_DOMAIN_EVENTS },
    ]);
  });

  it('refuses to start when a stored event has no CloudEvent type', async () => {
    const { ThingLostV1: _forgotten, ...incomplete } = thingCloudEventTypes;
    await expect(start(CloudEventsModule.forRoot(), CloudEventsModule.forFeature(incomplete))).rejects.toThrow(/^no CloudEvent type for ThingLostV1: /);
  });

  it('refuses a sink that is not an http(s) URL, and an unknown mode', () => {
    expect(() => CloudEventsModule.forRoot({ sinks: ['ftp://sink.test'] })).toThrow('CloudEvents sink "ftp://sink.test" is not an http(s) URL');
    expect(() => CloudEventsModule.forRoot({ sinks: ['sink.test'] })).toThrow(/is not an http\(s\) URL/);
    expect(() => CloudEventsModule.forRoot({ mode: 'batch' as 'binary' })).toThrow(/must be binary or structured/);
  });
});
