import { domainError, domainEvent, type AggregateDefinition } from '@openbank/shared-kernel';

/** A deliberately tiny aggregate for exercising the event-sourcing machinery. */
export class CounterIncrementedV1 extends domainEvent('CounterIncrementedV1')<{ by: number }>() {}

export type CounterEvent = CounterIncrementedV1;

export interface CounterState {
  readonly id: string;
  readonly total: number;
  readonly increments: number;
}

export class CounterLimitReached extends domainError('COUNTER_LIMIT_REACHED', 'rule-violated') {}

export const Counter: AggregateDefinition<CounterState, CounterEvent> = {
  type: 'Counter',
  category: 'counter',
  events: [CounterIncrementedV1],
  initialState: (id) => ({ id, total: 0, increments: 0 }),
  evolve: (state, event) => ({ ...state, total: state.total + event.data.by, increments: state.increments + 1 }),
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as CounterState },
};

export const increment =
  (by: number, limit = Number.POSITIVE_INFINITY) =>
  (state: CounterState): CounterEvent[] => {
    if (state.total + by > limit) throw new CounterLimitReached(`${state.total} + ${by} exceeds ${limit}`);
    return [new CounterIncrementedV1({ by })];
  };
