import { applyDecorators, SetMetadata } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { AnyDomainEventClass, DomainEvent } from '@openbank/shared-kernel';

export const EVENT_SUBSCRIBER = Symbol('EVENT_SUBSCRIBER');

/** Stands for every event type registered with the serializer (e.g. for statistics). */
export const ALL_DOMAIN_EVENTS = Symbol('ALL_DOMAIN_EVENTS');

export type SubscriberKind = 'projection' | 'process';

export interface EventSubscriberMetadata {
  readonly name: string;
  readonly kind: SubscriberKind;
  readonly events: readonly AnyDomainEventClass[] | typeof ALL_DOMAIN_EVENTS;
}

/**
 * What a subscriber may implement besides Nest's `handle(event)`. The record of each event
 * (revision, position, metadata) is available through `recordOf(event)`.
 */
export interface EventSubscriber<E extends DomainEvent = DomainEvent> extends IEventHandler<E> {
  handle(event: E): Promise<void>;
  /** After an event was parked: e.g. mark the document it should have changed as stale. */
  onParked?(event: E, error: unknown): Promise<void>;
  /** Processes a parked event again once its cause is fixed; defaults to `handle`. */
  replay?(event: E): Promise<void>;
  /** Forgets everything the subscriber wrote, before it is rebuilt from the start of $all. */
  reset?(): Promise<void>;
}

function subscriber(kind: SubscriberKind, name: string, events: EventSubscriberMetadata['events']): ClassDecorator {
  const metadata: EventSubscriberMetadata = { name, kind, events };
  const handled = events === ALL_DOMAIN_EVENTS ? [] : events;
  return applyDecorators(EventsHandler(...handled), SetMetadata(EVENT_SUBSCRIBER, metadata));
}

/**
 * A read-model projection: a Nest `@EventsHandler` fed by its own checkpointed subscription to
 * $all (filtered server-side on the given event types), so it can be rebuilt on its own.
 */
export function Projection(name: string, ...events: AnyDomainEventClass[] | [typeof ALL_DOMAIN_EVENTS]): ClassDecorator {
  return subscriber('projection', name, events[0] === ALL_DOMAIN_EVENTS ? ALL_DOMAIN_EVENTS : (events as AnyDomainEventClass[]));
}

/** A process manager: reacts to events by sending commands, from its own checkpointed subscription. */
export function ProcessManager(name: string, ...events: AnyDomainEventClass[]): ClassDecorator {
  return subscriber('process', name, events);
}
