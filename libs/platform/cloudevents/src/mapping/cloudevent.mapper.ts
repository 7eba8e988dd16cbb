import { Injectable } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import { CloudEvent, HTTP } from 'cloudevents';
import { CloudEventTypeRegistry } from './cloudevent-type.registry.js';
import { publicData } from './public-data.js';

export const cloudEventSource = 'openbank';

/**
 * One recorded domain event as a CloudEvent 1.0. The id is the event id, so a consumer that gets
 * an event twice (delivery is at least once) recognises it; the subject is the aggregate it
 * happened to; the time is when it happened (the event's business time, not when it was sent).
 * The correlation and causation ids travel as extension attributes (lowercase alphanumeric names).
 */
@Injectable()
export class CloudEventMapper {
  constructor(private readonly types: CloudEventTypeRegistry) {}

  /** Whether this event leaves the bank at all (a context's internal events never do). */
  publishes(recorded: RecordedDomainEvent): boolean {
    return this.types.publishes(recorded.event.type);
  }

  toCloudEvent(recorded: RecordedDomainEvent): CloudEvent<unknown> {
    return new CloudEvent<unknown>({
      specversion: '1.0',
      id: recorded.eventId,
      source: cloudEventSource,
      type: this.types.typeOf(recorded.event.type),
      subject: recorded.metadata.aggregateId,
      time: recorded.metadata.occurredAt,
      datacontenttype: 'application/json',
      data: publicData(recorded.event.data),
      correlationid: recorded.metadata.correlationId,
      causationid: recorded.metadata.causationId,
    });
  }
}

/** The structured-mode JSON of an event, as a sink in structured mode and the live feed receive it. */
export function structuredJson(event: CloudEvent<unknown>): string {
  return HTTP.structured(event).body as string;
}
