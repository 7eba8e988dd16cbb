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
  /** Present when the caller sent an Idempotency-Key; event ids are then derived from it. */
  readonly idempotencyKey?: string;
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
}
