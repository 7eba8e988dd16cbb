/** How this process takes part in the read side, and how its consumers behave. */
export interface ReadSideSettings {
  /**
   * `consume`: this process is a projector: it joins the consumer groups and runs rebuilds.
   * `observe`: it only reports on them, replays parked events and asks for rebuilds (an API process).
   */
  readonly role: 'consume' | 'observe';
  /** Attempts at one event before it is parked (store outages are waited out, never counted). */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** The most events one projection batch holds; a batch is whatever has arrived, up to this. */
  readonly maxBatchEvents: number;
  /** How long a standby consumer (a group that takes one consumer, such as a sink) waits before asking again. */
  readonly standbyRetryMs: number;
  /** How often a projector looks for a rebuild to run, and how long its claim on one lasts without renewal. */
  readonly rebuildPollMs: number;
  readonly rebuildLeaseMs: number;
}

export const READ_SIDE_SETTINGS = Symbol('READ_SIDE_SETTINGS');

export const defaultReadSideSettings: ReadSideSettings = {
  role: 'consume',
  maxAttempts: 5,
  initialBackoffMs: 50,
  maxBackoffMs: 2000,
  maxBatchEvents: 500,
  standbyRetryMs: 1000,
  rebuildPollMs: 500,
  rebuildLeaseMs: 10_000,
};

export function backoffDelay(settings: Pick<ReadSideSettings, 'initialBackoffMs' | 'maxBackoffMs'>, attempt: number): number {
  return Math.min(settings.maxBackoffMs, settings.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
}
