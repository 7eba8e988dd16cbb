import type { Model } from 'mongoose';
import type { StreamActivity } from '@openbank/bank';

export interface StreamTotals {
  /** Streams of each aggregate type (one stream per aggregate). */
  readonly aggregates: Record<string, number>;
  readonly streams: number;
  readonly events: number;
}

/**
 * Summed over the stream-activity read model: one small document per stream, whose event count is
 * its last revision + 1. A pass over those documents, never a counter every event writes to.
 */
export async function streamTotals(activity: Model<StreamActivity>): Promise<StreamTotals> {
  const byType = await activity.aggregate<{ _id: string | null; streams: number; events: number }>([
    { $group: { _id: '$aggregate_type', streams: { $sum: 1 }, events: { $sum: '$events' } } },
    { $sort: { _id: 1 } },
  ]);
  return {
    aggregates: Object.fromEntries(byType.filter(({ _id }) => _id).map(({ _id, streams }) => [_id, streams])),
    streams: byType.reduce((sum, { streams }) => sum + streams, 0),
    events: byType.reduce((sum, { events }) => sum + events, 0),
  };
}
