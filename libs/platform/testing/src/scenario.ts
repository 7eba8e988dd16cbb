import { randomUUID } from 'node:crypto';
import { EventSerializer, EventTypeRegistry, aggregateStreamName, type EventMetadata, type EventUpcaster, type RecordedDomainEvent } from '@openbank/event-sourcing';
import type { AggregateDefinition, DomainEvent } from '@openbank/shared-kernel';
import { startEventSourcing, testContext, type EventSourcingHarness } from './event-sourcing-harness.js';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { InMemoryReadModelStore } from './in-memory/in-memory-read-model-store.js';

/**
 * What a scenario needs of an aggregate to write and read its events: an aggregate definition, or
 * just the type, category and events of another context's aggregate whose definition is its own.
 */
export type EventStream = Pick<AggregateDefinition<any, any>, 'type' | 'category' | 'events'>;

export interface ScenarioOptions {
  /** Appends to several streams are atomic (KurrentDB 25.1 and later); false plays an older store. */
  readonly atomicAcrossStreams?: boolean;
  readonly snapshotEvery?: number;
  readonly upcasters?: EventUpcaster[];
}

/**
 * The write side and the read models in memory, for given/when/then specs of command handlers,
 * processes and projections: given events on streams, when a handler runs (or a projection is fed
 * what was recorded), then the events it recorded (or the documents it wrote). The in-memory
 * stores pass the same contract specs as KurrentDB and MongoDB, so what holds here holds there.
 */
export class Scenario {
  readonly readModels = new InMemoryReadModelStore();
  private readonly serializer: EventSerializer;
  private seen = 0;

  private constructor(
    readonly store: InMemoryEventStore,
    private readonly harness: EventSourcingHarness,
    aggregates: readonly EventStream[],
    upcasters: readonly EventUpcaster[],
  ) {
    const registry = new EventTypeRegistry();
    for (const aggregate of aggregates) registry.registerEvents(aggregate.events);
    registry.registerUpcasters(upcasters);
    this.serializer = new EventSerializer(registry);
  }

  static async start(aggregates: EventStream[], { atomicAcrossStreams = true, snapshotEvery = 0, upcasters = [] }: ScenarioOptions = {}): Promise<Scenario> {
    const store = new InMemoryEventStore(atomicAcrossStreams);
    // Registering an aggregate with the machinery needs only its events and category.
    return new Scenario(store, await startEventSourcing(store, aggregates as AggregateDefinition<any, any>[], { snapshotEvery }, upcasters), aggregates, upcasters);
  }

  get repository() {
    return this.harness.repository;
  }

  get runner() {
    return this.harness.runner;
  }

  get clock() {
    return this.harness.clock;
  }

  /** Events already recorded on an aggregate's stream, as if by earlier commands (at the scenario's clock time). */
  async given(definition: EventStream, id: string, ...events: DomainEvent[]): Promise<void> {
    const stream = aggregateStreamName(definition.category, id);
    let revision = -1n;
    for await (const stored of this.store.read(stream, { from: 'end', direction: 'backwards', maxCount: 1 })) revision = stored.revision;
    const metadata: EventMetadata = { ...testContext, aggregateType: definition.type, aggregateId: id, occurredAt: this.clock.now().toISOString(), principal: testContext.principal.id };
    await this.store.append([{ stream, expected: revision < 0n ? 'no_stream' : revision, events: events.map((event) => this.serializer.serialize(event, metadata, randomUUID())) }]);
    this.seen = this.store.all().length;
  }

  /** The events recorded since the last `given` (or the last look), on one stream or on all of them. */
  recorded(definition?: EventStream, id?: string): DomainEvent[] {
    const stream = definition && id ? aggregateStreamName(definition.category, id) : undefined;
    return this.newRecords()
      .filter((record) => stream === undefined || record.streamId === stream)
      .map((record) => record.event);
  }

  /** Every event of the store as a subscription to $all delivers it: in log order, with its record (typed as the projection fed with them expects). */
  records(): RecordedDomainEvent<any>[] {
    return this.store.all().flatMap((stored) => this.serializer.deserialize(stored) ?? []);
  }

  /** Marks what is recorded so far as seen: `recorded()` then tells only what comes after. */
  settle(): void {
    this.seen = this.store.all().length;
  }

  async close(): Promise<void> {
    await this.harness.close();
  }

  private newRecords(): RecordedDomainEvent[] {
    return this.store
      .all()
      .slice(this.seen)
      .flatMap((stored) => this.serializer.deserialize(stored) ?? []);
  }
}
