import type { SubscriptionStatus } from './subscription-status.js';

/** What the rebuild progress needs of a projection's status. */
export type RebuildTarget = Pick<SubscriptionStatus, 'head_position' | 'caught_up' | 'rebuild'>;

export interface RebuildProgress {
  /** Events applied so far, over the targets. */
  readonly events: number;
  /** Targets whose rebuild is done. */
  readonly rebuilt: number;
  /** How far the targets are through $all, from 0 to 1: each one's position against the head, averaged. */
  readonly fraction: number;
  /** Every rebuild is done and every target has caught up with the live events since. */
  readonly finished: boolean;
}

/**
 * Where rebuilds stand. A rebuild reads $all from the start up to its head: its position against
 * head_position says how far it has come; one still waiting for a projector has not started, one
 * done is whole (its last event of interest may lie before the head).
 */
export function rebuildProgress(targets: readonly RebuildTarget[]): RebuildProgress {
  const events = targets.reduce((sum, target) => sum + (target.rebuild?.events ?? 0), 0);
  const rebuilt = targets.filter((target) => target.rebuild?.state === 'done').length;
  const fraction = targets.length === 0 ? 1 : targets.reduce((sum, target) => sum + fractionOf(target), 0) / targets.length;
  return { events, rebuilt, fraction, finished: targets.every((target) => target.rebuild?.state === 'done' && target.caught_up) };
}

function fractionOf({ rebuild, head_position }: RebuildTarget): number {
  if (rebuild?.state === 'done') return 1;
  if (rebuild?.state !== 'running' || rebuild.position === undefined || head_position === undefined) return 0;
  const head = Number(head_position);
  return head > 0 ? Math.min(Number(rebuild.position) / head, 1) : 0;
}

/**
 * How long rebuilds took, from the first request to the last end, in milliseconds (by the server's
 * clock): of one rebuild, its own time; a rebuild waiting for its turn counts its wait.
 */
export function rebuildSpan(rebuilds: readonly { readonly requested_at: string; readonly finished_at?: string }[]): number {
  const requested = Math.min(...rebuilds.map((rebuild) => Date.parse(rebuild.requested_at)));
  const finished = Math.max(...rebuilds.map((rebuild) => Date.parse(rebuild.finished_at ?? rebuild.requested_at)));
  return rebuilds.length === 0 ? 0 : Math.max(finished - requested, 0);
}
