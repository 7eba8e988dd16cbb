import { Injectable } from '@nestjs/common';
import { jsonEvent, type EventData, type JSONType, type RecordedEvent } from '@kurrent/kurrentdb-client';
import type { DomainEvent } from '@openbank/shared-kernel';
import type { EventMetadata } from '../event-metadata.js';
import type { RecordedDomainEvent } from '../recorded-event.js';
import { EventTypeRegistry } from './event-type-registry.js';

/** Converts domain events to KurrentDB event data and back, upcasting older versions on the way in. */
@Injectable()
export class EventSerializer {
  constructor(private readonly registry: EventTypeRegistry) {}

  serialize(event: DomainEvent, metadata: EventMetadata, eventId: string): EventData {
    return jsonEvent({
      id: eventId,
      type: event.type,
      data: event.data as JSONType,
      metadata: metadata as unknown as JSONType,
    });
  }

  /** Undefined for events that are not ours (system events, other applications' events). */
  deserialize(recorded: RecordedEvent): RecordedDomainEvent | undefined {
    if (!recorded.isJson || !this.registry.isKnown(recorded.type)) return undefined;
    const event = this.registry.revive(recorded.type, recorded.data);
    if (!event) return undefined;
    return {
      event,
      eventId: recorded.id,
      streamId: recorded.streamId,
      revision: recorded.revision,
      position: recorded.position,
      metadata: recorded.metadata as unknown as EventMetadata,
      storedType: recorded.type,
    };
  }
}
