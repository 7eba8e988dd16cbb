import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BACKWARDS, END, FORWARDS, KurrentDBClient, START, StreamNotFoundError, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { domainError } from '@openbank/shared-kernel';
import { trusted, type Model } from 'mongoose';
import { StreamActivity } from '@openbank/bank';
import type { IdleStreamResponse, StreamStatsResponse } from './operations.responses.js';

export class StreamNotFound extends domainError('STREAM_NOT_FOUND', 'not-found') {}

const dayMs = 86_400_000;

/** The business time of an event: our metadata's occurredAt, or when the store recorded it. */
function timeOf(resolved: ResolvedEvent): Date {
  const occurredAt = (resolved.event?.metadata as { occurredAt?: string } | undefined)?.occurredAt;
  return occurredAt ? new Date(occurredAt) : resolved.event!.created;
}

/** Stream health, as the reference design's operators watch it. */
@Injectable()
export class StreamStatistics {
  constructor(
    private readonly client: KurrentDBClient,
    @InjectModel(StreamActivity.name) private readonly activity: Model<StreamActivity>,
  ) {}

  /** Read from the stream itself: its first and its last event. */
  async of(stream: string): Promise<StreamStatsResponse> {
    try {
      const [first, last] = await Promise.all([this.edge(stream, FORWARDS), this.edge(stream, BACKWARDS)]);
      if (!first || !last) throw new StreamNotFound(`stream ${stream} has no events`, { stream });
      return {
        stream,
        event_count: Number(last.event!.revision) + 1,
        last_revision: Number(last.event!.revision),
        first_event_at: timeOf(first).toISOString(),
        last_event_at: timeOf(last).toISOString(),
      };
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new StreamNotFound(`stream ${stream} does not exist`, { stream });
      throw error;
    }
  }

  /** Streams with no event for `days` days, quietest first (from the stream-activity read model). */
  async idle(days: number, limit: number, category?: string): Promise<IdleStreamResponse[]> {
    const now = Date.now();
    const quiet = await this.activity
      .find({ last_event_at: trusted({ $lt: new Date(now - days * dayMs) }), ...(category ? { category } : {}) })
      .sort({ last_event_at: 1 })
      .limit(limit)
      .lean()
      .exec();
    return quiet.map((entry) => ({
      stream: entry._id,
      category: entry.category,
      event_count: entry.events,
      last_event_at: entry.last_event_at.toISOString(),
      idle_days: Math.floor((now - entry.last_event_at.getTime()) / dayMs),
    }));
  }

  private async edge(stream: string, direction: typeof FORWARDS | typeof BACKWARDS): Promise<ResolvedEvent | undefined> {
    for await (const resolved of this.client.readStream(stream, { direction, fromRevision: direction === FORWARDS ? START : END, maxCount: 1 })) return resolved;
    return undefined;
  }
}
