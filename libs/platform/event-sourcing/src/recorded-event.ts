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
