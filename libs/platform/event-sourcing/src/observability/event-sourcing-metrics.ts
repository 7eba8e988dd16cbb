/**
 * What the write side reports about its work, for metrics. The application provides an
 * implementation under EVENT_SOURCING_METRICS; without one nothing is recorded.
 */
export interface EventSourcingMetrics {
  /** A command looked for its aggregate in the in-process cache. */
  cacheLookup(aggregateType: string, hit: boolean): void;
  /** An aggregate was read from the store: from its newest snapshot and the events after it, or from all its events. */
  aggregateLoaded(aggregateType: string, fromSnapshot: boolean, seconds: number): void;
  /** An append met a concurrent change and the command is decided again on fresh state. */
  concurrencyRetry(aggregateType: string): void;
}

export const EVENT_SOURCING_METRICS = Symbol('EVENT_SOURCING_METRICS');

export const noEventSourcingMetrics: EventSourcingMetrics = {
  cacheLookup: () => undefined,
  aggregateLoaded: () => undefined,
  concurrencyRetry: () => undefined,
};
