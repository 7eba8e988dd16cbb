import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EventTypeRegistry } from '@openbank/event-sourcing';
import { CloudEventTypeRegistry } from './cloudevent-type.registry.js';
import { CloudEventTypesFeature } from './cloudevent-types.js';

/**
 * Collects the CloudEvent types every context registered with `CloudEventsModule.forFeature`, then
 * refuses to start if a domain event the application stores has none. Runs after the contexts'
 * event registrations: those belong to modules imported deeper than this one (or global), whose
 * init hooks Nest runs first.
 */
@Injectable()
export class CloudEventTypesRegistration implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly events: EventTypeRegistry,
    private readonly types: CloudEventTypeRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!(wrapper.instance instanceof CloudEventTypesFeature)) continue;
      this.types.register(wrapper.instance.types);
      this.types.registerInternal(wrapper.instance.internal);
    }
    this.types.assertCovers(this.events.allEventClasses().map((eventClass) => eventClass.type));
  }
}
