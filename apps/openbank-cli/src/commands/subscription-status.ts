/** One subscription as GET /api/v1/admin/subscriptions describes it. */
export interface SubscriptionStatus {
  readonly name: string;
  readonly kind: 'projection' | 'process';
  readonly running: boolean;
  readonly position?: string;
  readonly lag_events: number;
  readonly lag_ms: number;
  readonly events_processed: number;
  readonly events_per_second: number;
  readonly parked: number;
  readonly started_at?: string;
}

export const subscriptionsPath = '/api/v1/admin/subscriptions';
