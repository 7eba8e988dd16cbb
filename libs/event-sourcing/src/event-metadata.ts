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
   * Identifies the operation across retries: the caller's Idempotency-Key, or a process step's
   * own key. Event ids are derived from it, and it is stored in each event's metadata.
   */
  readonly idempotencyKey?: string;
  /**
   * Set when an earlier attempt of this very operation may have recorded its events already (a
   * retried key whose first attempt died, a process step delivered again): events recorded under
   * the same key since this instant are answered instead of deciding a second time.
   */
  readonly earlierAttemptSince?: string;
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
  readonly idempotencyKey?: string;
  /** W3C trace context of the work that recorded the event; only when tracing is on. */
  readonly traceparent?: string;
  readonly tracestate?: string;
}
