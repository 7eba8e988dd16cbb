import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AnyDomainEventClass } from '@openbank/shared-kernel';
import { CLOUDEVENTS_OPTIONS, resolveCloudEventsOptions, type CloudEventsOptions } from './cloudevents.options.js';
import { SinkSubscriptions } from './delivery/sink-subscriptions.js';
import { EventStreamHttpController } from './live-feed/event-stream.http.controller.js';
import { LiveCloudEventFeed } from './live-feed/live-cloudevent.feed.js';
import { CloudEventMapper } from './mapping/cloudevent.mapper.js';
import { CloudEventTypeRegistry } from './mapping/cloudevent-type.registry.js';
import { CloudEventTypesRegistration } from './mapping/cloudevent-types.registration.js';
import { CloudEventTypesFeature, type CloudEventTypes } from './mapping/cloudevent-types.js';

/**
 * Integration events: every domain event leaves as a CloudEvent 1.0, delivered at least once to
 * each configured HTTP sink and shown live at GET /api/v1/events/stream. Needs the event-sourcing
 * and projections modules (the KurrentDB client, the serializer, the subscription host).
 */
@Module({})
export class CloudEventsModule {
  static forRoot(options: Partial<CloudEventsOptions> = {}): DynamicModule {
    return {
      module: CloudEventsModule,
      imports: [DiscoveryModule],
      controllers: [EventStreamHttpController],
      providers: [
        { provide: CLOUDEVENTS_OPTIONS, useValue: resolveCloudEventsOptions(options) },
        CloudEventTypeRegistry,
        CloudEventTypesRegistration,
        CloudEventMapper,
        SinkSubscriptions,
        LiveCloudEventFeed,
      ],
      exports: [CloudEventMapper, LiveCloudEventFeed],
    };
  }

  /**
   * One context's CloudEvent types (declared in its contracts), and the event classes it keeps
   * internal. Nothing to inject: the root module finds them at start-up, so a context works the
   * same with or without CloudEvents enabled.
   */
  static forFeature(types: CloudEventTypes, { internal = [] }: { internal?: readonly AnyDomainEventClass[] } = {}): DynamicModule {
    return {
      module: CloudEventsModule,
      providers: [{ provide: CloudEventTypesFeature, useValue: new CloudEventTypesFeature(types, internal.map((eventClass) => eventClass.type)) }],
    };
  }
}
