import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from './api.js';

export interface SubscriptionStatus {
  name: string;
  kind: string;
  running: boolean;
  caught_up: boolean;
  in_flight: number;
  rebuild?: { state: 'waiting' | 'running' | 'done'; events: number; requested_at: string; started_at?: string; finished_at?: string };
}

export function subscriptionStatuses(admin: ApiClient): Promise<SubscriptionStatus[]> {
  return admin.get<SubscriptionStatus[]>('/api/v1/admin/subscriptions');
}

const settled = (status: SubscriptionStatus) => status.running && status.caught_up && status.in_flight === 0;

/**
 * Waits until every subscription (or only the one named) has processed every event up to the head
 * of the store and has nothing in flight; returns how long that took, in ms. Gives up after
 * `withinMs` and returns Infinity: a backlog that does not clear is a figure, not a hang.
 */
export async function caughtUp(admin: ApiClient, only?: string, withinMs = 300_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    const all = await subscriptionStatuses(admin);
    if (all.filter((status) => !only || status.name === only).every(settled)) return performance.now() - started;
    await sleep(100);
  }
  return Number.POSITIVE_INFINITY;
}

/** Asks for a rebuild and waits until a projector has finished it (failing after `withinMs`). */
export async function rebuilt(admin: ApiClient, name: string, withinMs = 600_000): Promise<NonNullable<SubscriptionStatus['rebuild']>> {
  const asked = Date.now() - 1000;
  await admin.post(`/api/v1/admin/subscriptions/${name}/rebuild`, {});
  while (Date.now() - asked < withinMs) {
    const rebuild = (await subscriptionStatuses(admin)).find((status) => status.name === name)?.rebuild;
    if (rebuild?.state === 'done' && Date.parse(rebuild.requested_at) >= asked && rebuild.finished_at && rebuild.started_at) return rebuild;
    await sleep(250);
  }
  throw new Error(`the rebuild of ${name} did not finish within ${withinMs / 1000} s`);
}
