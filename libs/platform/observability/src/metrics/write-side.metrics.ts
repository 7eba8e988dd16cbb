import { Injectable } from '@nestjs/common';
import type { EventSourcingMetrics } from '@openbank/event-sourcing';
import { Counter, Histogram, Registry } from 'prom-client';

const hitOrMiss = (hit: boolean) => (hit ? 'hit' : 'miss');

/** The write side's cache, snapshot and retry figures, as Prometheus series. */
@Injectable()
export class WriteSideMetrics implements EventSourcingMetrics {
  private readonly cacheLookups: Counter<'aggregate_type' | 'result'>;
  private readonly snapshotLookups: Counter<'aggregate_type' | 'result'>;
  private readonly loadDuration: Histogram<'aggregate_type' | 'snapshot'>;
  private readonly retries: Counter<'aggregate_type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.cacheLookups = new Counter({
      name: 'openbank_aggregate_cache_lookups_total',
      help: 'Aggregates looked up in the in-process cache by commands, by result (hit, miss)',
      labelNames: ['aggregate_type', 'result'],
      registers,
    });
    this.snapshotLookups = new Counter({
      name: 'openbank_snapshot_lookups_total',
      help: 'Aggregates read from the event store, by whether a usable snapshot was found (hit) or every event was read (miss)',
      labelNames: ['aggregate_type', 'result'],
      registers,
    });
    this.loadDuration = new Histogram({
      name: 'openbank_aggregate_load_duration_seconds',
      help: 'Time to read an aggregate from the event store (newest snapshot plus the events after it), by whether a snapshot was used',
      labelNames: ['aggregate_type', 'snapshot'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.retries = new Counter({
      name: 'openbank_concurrency_retries_total',
      help: 'Commands decided again because another writer changed the aggregate first (optimistic concurrency)',
      labelNames: ['aggregate_type'],
      registers,
    });
  }

  cacheLookup(aggregateType: string, hit: boolean): void {
    this.cacheLookups.inc({ aggregate_type: aggregateType, result: hitOrMiss(hit) });
  }

  aggregateLoaded(aggregateType: string, fromSnapshot: boolean, seconds: number): void {
    this.snapshotLookups.inc({ aggregate_type: aggregateType, result: hitOrMiss(fromSnapshot) });
    this.loadDuration.observe({ aggregate_type: aggregateType, snapshot: hitOrMiss(fromSnapshot) }, seconds);
  }

  concurrencyRetry(aggregateType: string): void {
    this.retries.inc({ aggregate_type: aggregateType });
  }
}
