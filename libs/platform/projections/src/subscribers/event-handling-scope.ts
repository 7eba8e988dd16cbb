import type { RecordedDomainEvent } from '@openbank/event-sourcing';

/**
 * Surrounds the handling of one event by one subscription (its retries and its parking
 * included), e.g. to log it with the event's correlation id or to trace it as part of the work
 * that recorded it. The application provides one under EVENT_HANDLING_SCOPE; without one, events
 * are handled as they are.
 */
export interface EventHandlingScope {
  run<T>(subscription: string, recorded: RecordedDomainEvent, handling: () => Promise<T>): Promise<T>;
}

export const EVENT_HANDLING_SCOPE = Symbol('EVENT_HANDLING_SCOPE');

export const unscopedEventHandling: EventHandlingScope = {
  run: (_subscription, _recorded, handling) => handling(),
};
