import { count } from '../output/format.js';

/** One subscription as GET /api/v1/admin/subscriptions describes it. */
export interface SubscriptionStatus {
  readonly name: string;
  readonly kind: 'projection' | 'process';
  readonly running: boolean;
  readonly position?: string;
  /** Commit position of the newest event in $all. */
  readonly head_position?: string;
  readonly lag_events: number;
  /** The lag count stopped at the API's limit: at least lag_events are pending. */
  readonly lag_events_capped: boolean;
  readonly lag_ms: number;
  readonly events_processed: number;
  readonly events_per_second: number;
  readonly parked: number;
  readonly started_at?: string;
}

export const subscriptionsPath = '/api/v1/admin/subscriptions';

/** A lag for a table: beyond the API's counting limit it is only a lower bound, shown as "≥". */
export function lagText(status: { readonly lag_events: number; readonly lag_events_capped?: boolean }): string {
  return `${status.lag_events_capped ? '≥' : ''}${count(status.lag_events)}`;
}
