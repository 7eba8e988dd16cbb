import { replay, type AggregateDefinition, type DomainEvent, type DomainError } from '@openbank/shared-kernel';

type ErrorClass = abstract new (...args: any[]) => DomainError;

/**
 * Given past events, when a decision runs on the state they build, then it records these events
 * or refuses with that coded error:
 *
 *   specFor(BankAccount, id).given(opened).when((s) => withdraw(s, cmd)).then(new Withdrawn(...))
 */
export function specFor<S, E extends DomainEvent>(definition: AggregateDefinition<S, E>, id: string) {
  return {
    given(...history: E[]) {
      const state = replay(definition, id, history);
      return {
        state,
        when(decide: (state: S) => readonly E[]) {
          let outcome: { events: readonly E[] } | { error: unknown };
          try {
            outcome = { events: decide(state) };
          } catch (error) {
            outcome = { error };
          }
          return {
            then(...expected: E[]): S {
              if ('error' in outcome) throw outcome.error;
              expect(outcome.events).toEqual(expected);
              return outcome.events.reduce((folded, event) => definition.evolve(folded, event), state);
            },
            thenRefuses(errorClass: ErrorClass, code?: string): DomainError {
              if ('events' in outcome) throw new Error(`expected a refusal, but it recorded ${outcome.events.map((e) => e.type).join(', ') || 'nothing'}`);
              expect(outcome.error).toBeInstanceOf(errorClass);
              const error = outcome.error as DomainError;
              if (code) expect(error.code).toBe(code);
              return error;
            },
          };
        },
      };
    },
  };
}
