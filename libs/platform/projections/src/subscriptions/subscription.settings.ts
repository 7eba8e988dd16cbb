/** Tuning of every checkpointed subscription. */
export interface SubscriptionSettings {
  /** Attempts at one event before it is parked (store outages are waited out, never counted). */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** The checkpoint is written after this many processed events… */
  readonly checkpointEveryEvents: number;
  /** …or this long after the first unsaved one, whichever comes first. */
  readonly checkpointEveryMs: number;
  /** Start every subscription when the application starts (off in an instance that only serves commands). */
  readonly autoStart: boolean;
}

export const SUBSCRIPTION_SETTINGS = Symbol('SUBSCRIPTION_SETTINGS');

export const defaultSubscriptionSettings: SubscriptionSettings = {
  maxAttempts: 5,
  initialBackoffMs: 50,
  maxBackoffMs: 2000,
  checkpointEveryEvents: 200,
  checkpointEveryMs: 200,
  autoStart: true,
};

export function backoffDelay(settings: SubscriptionSettings, attempt: number): number {
  return Math.min(settings.maxBackoffMs, settings.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
}
