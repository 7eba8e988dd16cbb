/** What the rebuild progress needs of a subscription's status. */
export interface LagOfSubscription {
  readonly position?: string;
  readonly head_position?: string;
  readonly lag_events: number;
  /** The lag count stopped at the API's limit: at least lag_events are pending. */
  readonly lag_events_capped?: boolean;
  readonly events_processed: number;
}

export interface RebuildProgress {
  /** Events processed so far, across the targets. */
  readonly processed: number;
  /** Events expected in all: processed plus pending, a lower bound ("≥") once a lag is too long to count. */
  readonly expected: string;
  /** What the bar shows as done out of its total. */
  readonly done: number;
  readonly total: number;
}

/**
 * While every lag is counted, the bar counts events. Once a lag is too long to count, it shows how
 * far through $all the least advanced target is, by commit position.
 */
export function rebuildProgress(targets: readonly LagOfSubscription[]): RebuildProgress {
  const processed = targets.reduce((sum, status) => sum + status.events_processed, 0);
  const lag = targets.reduce((sum, status) => sum + status.lag_events, 0);
  const capped = targets.some((status) => status.lag_events_capped);
  const expected = `${capped ? '≥' : ''}${processed + lag}`;
  const head = Number(targets[0]?.head_position ?? 0);
  if (!capped || head <= 0) return { processed, expected, done: processed, total: Math.max(processed + lag, 1) };
  const slowest = Math.min(...targets.map((status) => Number(status.position ?? 0)));
  return { processed, expected, done: Math.min(slowest, head), total: head };
}
