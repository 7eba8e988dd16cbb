import type { LogPosition } from './recorded-event.js';

/** Who or what asked for a change: an authenticated principal, or a process acting on its own. */
export interface Principal {
  readonly id: string;
  readonly roles?: readonly string[];
}

/**
 * Why a command runs: carried from the HTTP request (or the event that triggered a process) into
 * the metadata of every event the command records.
 */
export interface CommandContext {
  readonly correlationId: string;
  /** The id of the message that caused this command: an HTTP request id or a triggering event id. */
  readonly causationId: string;
  readonly principal: Principal;
  /**
   * Identifies one operation across its retries, and nothing else: derived from who asked, the
   * route they called and their Idempotency-Key (see operationIdOf), or a process step's own id.
   * Stored in each event's metadata; the ids of what the command creates are derived from it.
   */
  readonly operationId?: string;
  /**
   * Set when an earlier attempt of this very operation may have recorded its events already (a
   * retried key whose first attempt died, a process step delivered again): events recorded under
   * the same operation since this instant are answered instead of deciding a second time.
   */
  readonly earlierAttemptSince?: string;
  /**
   * The same, bounded by the log instead of the clock: set where the earlier attempt can only have
   * started after an event was written (a process step, after the event that triggers it). The
   * search then stops at that position, with no margin for clocks that disagree.
   */
  readonly earlierAttemptAfter?: LogPosition;
  /**
   * How long this attempt holds the operation's Idempotency-Key. An attempt that reaches its
   * decision after `until` (it stalled: a store that did not answer, a long pause) may have been
   * overtaken by a retry that took the key over and recorded the operation meanwhile: it looks for
   * events recorded under the operation since `since` before deciding.
   */
  readonly keyHeld?: { readonly since: string; readonly until: string };
}

/** Metadata stored with every event. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** ISO-8601 instant from the application's clock, the event's business time. */
  readonly occurredAt: string;
  readonly principal: string;
  /** The operation that recorded the event, when it can be retried (an Idempotency-Key, a process step). */
  readonly operationId?: string;
  /** W3C trace context of the work that recorded the event; only when tracing is on. */
  readonly traceparent?: string;
  readonly tracestate?: string;
}
