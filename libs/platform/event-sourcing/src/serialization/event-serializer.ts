import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@openbank/shared-kernel';
import type { NewEvent, StoredEvent } from '../store/event-store.port.js';
import type { EventMetadata } from '../event-metadata.js';
import type { RecordedDomainEvent } from '../recorded-event.js';
import { EventTypeRegistry } from './event-type-registry.js';

/** Converts domain events to stored events and back, upcasting older versions on the way in. */
@Injectable()
export class EventSerializer {
  constructor(private readonly registry: EventTypeRegistry) {}

  serialize(event: DomainEvent, metadata: EventMetadata, eventId: string): NewEvent {
    return { id: eventId, type: event.type, data: event.data, metadata: metadata as unknown as Record<string, string> };
  }

  /** Undefined for events that are not ours (system events, other applications' events). */
  deserialize(recorded: StoredEvent): RecordedDomainEvent | undefined {
    if (recorded.data === undefined || !this.registry.isKnown(recorded.type)) return undefined;
    const event = this.registry.revive(recorded.type, recorded.data);
    if (!event) return undefined;
    return {
      event,
      eventId: recorded.id,
      streamId: recorded.streamId,
      revision: recorded.revision,
      position: recorded.position,
      metadata: metadataOf(recorded),
      storedType: recorded.type,
    };
  }
}

/**
 * Our events carry complete metadata; an event appended by another tool may carry none. Its
 * business time then falls back to the time the store recorded it.
 */
function metadataOf(recorded: StoredEvent): EventMetadata {
  const stored = (typeof recorded.metadata === 'object' && recorded.metadata !== null ? recorded.metadata : {}) as Partial<EventMetadata>;
  const dash = recorded.streamId.indexOf('-');
  return {
    correlationId: stored.correlationId ?? recorded.id,
    causationId: stored.causationId ?? recorded.id,
    aggregateType: stored.aggregateType ?? '',
    aggregateId: stored.aggregateId ?? recorded.streamId.slice(dash + 1),
    occurredAt: stored.occurredAt ?? recorded.created.toISOString(),
    principal: stored.principal ?? 'unknown',
    ...(typeof stored.operationId === 'string' ? { operationId: stored.operationId } : {}),
    ...(typeof stored.traceparent === 'string' ? { traceparent: stored.traceparent } : {}),
    ...(typeof stored.tracestate === 'string' ? { tracestate: stored.tracestate } : {}),
  };
}
