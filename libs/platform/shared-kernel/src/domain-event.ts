/**
 * An immutable fact recorded by an aggregate. `type` is the name the event is stored under in
 * KurrentDB: it never changes once an event of that type has been written.
 */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** The class of a domain event: constructible from its data, and carrying its stored type name. */
export interface DomainEventClass<E extends DomainEvent = DomainEvent> {
  readonly type: E['type'];
  new (data: E['data']): E;
}

/** Any domain event class, whatever its data (for registries and decorators). */
export interface AnyDomainEventClass {
  readonly type: string;
  new (data: any): DomainEvent;
}

/** The classes of each member of an event union (distributes over the union). */
export type DomainEventClassOf<E extends DomainEvent> = E extends DomainEvent ? DomainEventClass<E> : never;

/**
 * Declares a domain event class whose stored type name is `type`, e.g.
 * `export class PersonRegisteredDomainEventV1 extends domainEvent('PersonRegisteredDomainEventV1')<PersonRegistered>() {}`.
 * Event classes (rather than plain objects) let Nest's `@EventsHandler` route them.
 */
export function domainEvent<const TType extends string>(type: TType) {
  return <TData>() =>
    class {
      static readonly type: TType = type;
      readonly type: TType = type;
      constructor(readonly data: TData) {}
    };
}
