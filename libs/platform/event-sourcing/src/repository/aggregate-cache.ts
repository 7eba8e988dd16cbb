import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';
import type { RecentOperations } from './recent-operations.js';

export interface CachedAggregate {
  readonly state: unknown;
  readonly revision: bigint;
  readonly lastOccurredAt?: string;
  readonly recent?: RecentOperations;
}

/**
 * Recently used aggregates, by stream name. A cached state may be behind the store when another
 * process wrote to the stream; it is never trusted blindly: appends carry the cached revision as
 * the expected revision (a stale state fails the append and is caught up with the events after
 * it), and a refusal decided on a cached state is checked again against the store before it is
 * answered.
 */
@Injectable()
export class AggregateCache {
  private readonly entries?: LRUCache<string, CachedAggregate>;
  /** States known to be behind the store (an append from them met a conflict): never an answer, only where a catch-up starts. */
  private readonly behind?: LRUCache<string, CachedAggregate>;

  constructor(@Inject(EVENT_SOURCING_OPTIONS) options: EventSourcingOptions) {
    if (options.aggregateCacheSize > 0) {
      this.entries = new LRUCache({ max: options.aggregateCacheSize });
      this.behind = new LRUCache({ max: options.aggregateCacheSize });
    }
  }

  get(stream: string): CachedAggregate | undefined {
    return this.entries?.get(stream);
  }

  /** The newest state this process holds, current or behind: the events after it are all a fresh load needs. */
  startingPoint(stream: string): CachedAggregate | undefined {
    return this.entries?.get(stream) ?? this.behind?.get(stream);
  }

  set(stream: string, aggregate: CachedAggregate): void {
    this.entries?.set(stream, aggregate);
    this.behind?.delete(stream);
  }

  /** Another writer moved the stream on: the state is still right at its revision, but no longer the latest. */
  markBehind(stream: string): void {
    const entry = this.entries?.get(stream);
    this.entries?.delete(stream);
    if (entry) this.behind?.set(stream, entry);
  }

  forget(stream: string): void {
    this.entries?.delete(stream);
    this.behind?.delete(stream);
  }
}
