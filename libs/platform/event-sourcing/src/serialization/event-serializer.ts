import { Injectable, Optional } from '@nestjs/common';
import type { DomainEvent } from '@openbank/shared-kernel';
import type { NewEvent, StoredEvent } from '../store/event-store.port.js';
import type { EventMetadata } from '../event-metadata.js';
import type { RecordedDomainEvent } from '../recorded-event.js';
import { PersonalDataProtection } from '../personal-data/personal-data-protection.js';
import { EventTypeRegistry } from './event-type-registry.js';

/**
 * Converts domain events to stored events and back, upcasting older versions on the way in. The
 * personal fields of events are sealed on the way out and opened on the way in (see
 * PersonalDataProtection), so aggregates and handlers only ever see plain values.
 */
@Injectable()
export class EventSerializer {
  private readonly protection: PersonalDataProtection;

  constructor(
    private readonly registry: EventTypeRegistry,
    @Optional() protection?: PersonalDataProtection,
  ) {
    this.protection = protection ?? new PersonalDataProtection();
  }

  /** The event as it is stored in `stream`, its personal fields sealed under the key of its subject (the aggregate). */
  async seal(event: DomainEvent, metadata: EventMetadata, eventId: string, stream: string): Promise<NewEvent> {
    const data = await this.protection.sealEvent(metadata.aggregateType, metadata.aggregateId, stream, event.type, event.data);
    return { id: eventId, type: event.type, data, metadata: metadata as unknown as Record<string, string> };
  }

  /** `seal` without a key lookup, for events of aggregates that hold no personal data; refuses the others. */
  serialize(event: DomainEvent, metadata: EventMetadata, eventId: string): NewEvent {
    if (this.protection.protects(metadata.aggregateType)) throw new Error(`${metadata.aggregateType} events hold personal data: store them with seal()`);
    return { id: eventId, type: event.type, data: event.data, metadata: metadata as unknown as Record<string, string> };
  }

  /**
   * The domain event, its sealed personal data opened (or read as forgotten). Undefined for events
   * that are not ours (system events, other applications' events).
   */
  async decode(recorded: StoredEvent): Promise<RecordedDomainEvent | undefined> {
    if (recorded.data === undefined || !this.registry.isKnown(recorded.type)) return undefined;
    return this.deserialize({ ...recorded, data: await this.protection.openEvent(recorded.streamId, recorded.data) });
  }

  /**
   * `decode` without a key lookup, for readers of events that hold no personal data (accounts'
   * events). Throws on sealed data: reading it needs `decode`.
   */
  deserialize(recorded: StoredEvent): RecordedDomainEvent | undefined {
    if (recorded.data === undefined || !this.registry.isKnown(recorded.type)) return undefined;
    if (this.protection.isSealed(recorded.data)) throw new Error(`${recorded.type} ${recorded.id} holds sealed personal data: read it with decode()`);
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
export function metadataOf(recorded: StoredEvent): EventMetadata {
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
