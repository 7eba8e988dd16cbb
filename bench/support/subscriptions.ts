import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from './api.js';

export interface SubscriptionStatus {
  name: string;
  running: boolean;
  lag_events: number;
  events_processed: number;
}

export function subscriptionStatuses(admin: ApiClient): Promise<SubscriptionStatus[]> {
  return admin.get<SubscriptionStatus[]>('/api/v1/admin/subscriptions');
}

/** Waits until every subscription (or only the one named) has nothing left to process; returns how long that took, in ms. */
export async function caughtUp(admin: ApiClient, only?: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const all = await subscriptionStatuses(admin);
    if (all.filter((status) => !only || status.name === only).every((status) => status.running && status.lag_events === 0)) return performance.now() - started;
    await sleep(250);
  }
}
