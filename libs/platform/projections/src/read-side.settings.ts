/** How this process takes part in the read side, and how its consumers behave. */
export interface ReadSideSettings {
  /**
   * `consume`: this process is a projector: it joins the consumer groups and runs rebuilds.
   * `observe`: it only reports on them, replays parked events and asks for rebuilds (an API process).
   */
  readonly role: 'consume' | 'observe';
  /**
   * How many times a temporary failure (a concurrency conflict, a timeout: see failures.ts) is
   * retried before its event is parked; 0 retries it for as long as it lasts. A store outage is
   * always waited out and never counted; a permanent failure is parked at once.
   */
  readonly maxRetries: number;
  /** Wait after the first failed attempt; it doubles after each failure… */
  readonly initialBackoffMs: number;
  /** …up to this cap, and stays there until the attempt succeeds. */
  readonly maxBackoffMs: number;
  /** The most events one projection batch holds; a batch is whatever has arrived, up to this. */
  readonly maxBatchEvents: number;
  /**
   * Under load (events arriving within this long of each other), how long a projection batch
   * waits for more once nothing more has arrived: fewer, larger writes to the read store. An event
   * after a quiet spell is applied at once. 0 never waits.
   */
  readonly batchLingerMs: number;
  /** How long a standby consumer (a group that takes one consumer, such as a sink) waits before asking again. */
  readonly standbyRetryMs: number;
  /** How often a projector looks for a rebuild to run, and how long its claim on one lasts without renewal. */
  readonly rebuildPollMs: number;
  readonly rebuildLeaseMs: number;
}

export const READ_SIDE_SETTINGS = Symbol('READ_SIDE_SETTINGS');

export const defaultReadSideSettings: ReadSideSettings = {
  role: 'consume',
  maxRetries: 0,
  initialBackoffMs: 50,
  maxBackoffMs: 2000,
  maxBatchEvents: 500,
  batchLingerMs: 5,
  standbyRetryMs: 1000,
  rebuildPollMs: 500,
  rebuildLeaseMs: 10_000,
};

/** The wait after the `attempt`-th failure: the initial backoff, doubled after each failure, capped (however many failures). */
export function backoffDelay(settings: Pick<ReadSideSettings, 'initialBackoffMs' | 'maxBackoffMs'>, attempt: number): number {
  return Math.min(settings.maxBackoffMs, settings.initialBackoffMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}
