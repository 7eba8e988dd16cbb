import type { DomainEvent } from '@openbank/shared-kernel';
import type { EventMetadata } from './event-metadata.js';

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** A domain event as read back from the store, with everything the store knows about it. */
export interface RecordedDomainEvent<E extends DomainEvent = DomainEvent> {
  readonly event: E;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position?: LogPosition;
  readonly metadata: EventMetadata;
  /** The type name the event was stored under (an older version when it was upcast). */
  readonly storedType: string;
}

const envelopes = new WeakMap<DomainEvent, RecordedDomainEvent>();

/**
 * Event handlers receive the domain event itself (as Nest's `IEventHandler` expects); the record
 * around it (ids, revision, position, metadata) stays reachable through this lookup.
 */
export function recordOf<E extends DomainEvent>(event: E): RecordedDomainEvent<E> {
  const recorded = envelopes.get(event);
  if (!recorded) throw new Error(`${event.type} was not read from the event store`);
  return recorded as RecordedDomainEvent<E>;
}

export function attachRecord<E extends DomainEvent>(recorded: RecordedDomainEvent<E>): E {
  envelopes.set(recorded.event, recorded);
  return recorded.event;
}
