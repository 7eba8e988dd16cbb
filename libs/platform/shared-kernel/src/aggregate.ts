import type { DomainEvent, DomainEventClassOf } from './domain-event.js';

/**
 * How an aggregate's state is written to and read from a snapshot. `schemaVersion` changes whenever
 * the state's shape changes; a snapshot of another version is ignored and the state is replayed.
 */
export interface SnapshotCodec<TState> {
  readonly schemaVersion: number;
  encode(state: TState): unknown;
  decode(encoded: unknown): TState;
}

/**
 * Everything the event-sourcing machinery needs to know about an aggregate: its name, the stream
 * category its events live in, the events it records, and how those events build its state.
 * Decisions (the business rules) are plain functions next to the definition.
 */
export interface AggregateDefinition<TState, TEvent extends DomainEvent> {
  /** Recorded in each event's metadata as `aggregateType`, e.g. `BankAccount`. */
  readonly type: string;
  /** The stream category: streams are `<category>-<id>`, so the category holds no dash. */
  readonly category: string;
  readonly events: readonly DomainEventClassOf<TEvent>[];
  initialState(id: string): TState;
  evolve(state: TState, event: TEvent): TState;
  readonly snapshot: SnapshotCodec<TState>;
}

export type StateOf<D> = D extends AggregateDefinition<infer S, DomainEvent> ? S : never;
export type EventOf<D> = D extends AggregateDefinition<unknown, infer E> ? E : never;

export function replay<TState, TEvent extends DomainEvent>(
  definition: AggregateDefinition<TState, TEvent>,
  id: string,
  events: readonly TEvent[],
): TState {
  return events.reduce((state, event) => definition.evolve(state, event), definition.initialState(id));
}
