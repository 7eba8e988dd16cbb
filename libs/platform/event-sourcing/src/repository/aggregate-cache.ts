import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '../event-sourcing.options.js';

export interface CachedAggregate {
  readonly state: unknown;
  readonly revision: bigint;
  readonly lastOccurredAt?: string;
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

  constructor(@Inject(EVENT_SOURCING_OPTIONS) options: EventSourcingOptions) {
    if (options.aggregateCacheSize > 0) this.entries = new LRUCache({ max: options.aggregateCacheSize });
  }

  get(stream: string): CachedAggregate | undefined {
    return this.entries?.get(stream);
  }

  set(stream: string, aggregate: CachedAggregate): void {
    this.entries?.set(stream, aggregate);
  }

  forget(stream: string): void {
    this.entries?.delete(stream);
  }
}
