import { SetMetadata } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { AnyDomainEventClass, DomainEvent } from '@openbank/shared-kernel';

export const EVENT_SUBSCRIBER = Symbol('EVENT_SUBSCRIBER');

/** Stands for every event type registered with the serializer (e.g. for statistics). */
export const ALL_DOMAIN_EVENTS = Symbol('ALL_DOMAIN_EVENTS');

/** A read model; a process manager (runs commands); a sink (sends events out of the bank). */
export type SubscriberKind = 'projection' | 'process' | 'sink';

export interface EventSubscriberMetadata {
  readonly name: string;
  readonly kind: SubscriberKind;
  readonly events: readonly AnyDomainEventClass[] | typeof ALL_DOMAIN_EVENTS;
}

/** What both kinds of subscriber may do besides their work. Each event comes with its record (ids, revision, position, metadata). */
interface SubscriberHooks<E extends DomainEvent> {
  /** After an event was parked: e.g. mark the document it should have changed as stale. */
  onParked?(record: RecordedDomainEvent<E>, error: unknown): Promise<void>;
  /** Processes a parked event again once its cause is fixed. */
  replay?(record: RecordedDomainEvent<E>): Promise<void>;
  /**
   * Forgets everything the subscriber wrote, and what it keeps in memory of it, before it is
   * rebuilt from the start of $all. Called by the projector that starts the rebuild.
   */
  reset?(): Promise<void>;
  /** Forgets what it keeps in memory of its documents (they may have changed elsewhere): the projector resuming a rebuild calls it. */
  forgetCached?(): void;
}

/** A process manager or a sink: handles events one at a time, in the order its consumer receives them. */
export interface EventSubscriber<E extends DomainEvent = DomainEvent> extends SubscriberHooks<E> {
  handle(record: RecordedDomainEvent<E>): Promise<void>;
}

/** A read model: applies events a batch at a time (in log order), writing each of its collections once per batch. */
export interface ProjectionHandler<E extends DomainEvent = DomainEvent> extends SubscriberHooks<E> {
  project(batch: readonly RecordedDomainEvent<E>[]): Promise<unknown>;
}

export type AnySubscriber = EventSubscriber | ProjectionHandler;

export const isProjectionHandler = (subscriber: AnySubscriber): subscriber is ProjectionHandler => 'project' in subscriber;

/**
 * Marks a read-model projection. It is not a Nest `@EventsHandler`: nothing published on the
 * in-process EventBus reaches it. The projector feeds every projection from one persistent
 * subscription to $all (the `projections` consumer group), each receiving the batches' events of
 * these types; it can be rebuilt on its own.
 */
export function Projection(name: string, ...events: AnyDomainEventClass[] | [typeof ALL_DOMAIN_EVENTS]): ClassDecorator {
  return SetMetadata(EVENT_SUBSCRIBER, { name, kind: 'projection', events: events[0] === ALL_DOMAIN_EVENTS ? ALL_DOMAIN_EVENTS : (events as AnyDomainEventClass[]) } satisfies EventSubscriberMetadata);
}

/** Marks a process manager: reacts to events by running commands, fed by a consumer group of its own. */
export function ProcessManager(name: string, ...events: AnyDomainEventClass[]): ClassDecorator {
  return SetMetadata(EVENT_SUBSCRIBER, { name, kind: 'process', events } satisfies EventSubscriberMetadata);
}
