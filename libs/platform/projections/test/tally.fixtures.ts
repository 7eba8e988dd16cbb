import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { EventSourcingModule, EventSourcingRepository, type RecordedDomainEvent } from '@openbank/event-sourcing';
import { domainEvent, type AggregateDefinition } from '@openbank/shared-kernel';
import { AggregateDocumentProjection, ProcessManager, ProjectionsModule, Projection, READ_MODEL_STORE, type EventSubscriber, type ReadModelStore, type ReadSideSettings } from '../src/index.js';

/** A tally aggregate and its read model: just enough domain to exercise the projection machinery. */
export class TalliedV1 extends domainEvent('TalliedV1')<{ by: number }>() {}

export interface TallyState {
  readonly id: string;
  readonly total: number;
}

export const Tally: AggregateDefinition<TallyState, TalliedV1> = {
  type: 'Tally',
  category: 'tally',
  events: [TalliedV1],
  initialState: (id) => ({ id, total: 0 }),
  evolve: (state, event) => ({ ...state, total: state.total + event.data.by }),
  snapshot: { schemaVersion: 1, encode: (state) => state, decode: (encoded) => encoded as TallyState },
};

/** Events tallying this amount make the projection throw, until `poison.cured` is set. */
export const poison = { amount: 666, cured: false };

/** Lets a spec watch (and slow down) each event as the projection evolves its document. */
export const observe: { evolving?: (record: RecordedDomainEvent<TalliedV1>) => Promise<void> | void } = {};

export const talliesCollection = 'tallies';

@Schema({ collection: talliesCollection, versionKey: false })
export class TallyDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: Number, required: true }) total!: number;
  @Prop({ type: Number, required: true }) last_revision!: number;
  @Prop({ type: Boolean }) stale?: boolean;
}

export const TallyDocumentSchema = SchemaFactory.createForClass(TallyDocument);

@Projection('tallies', TalliedV1)
export class TallyProjection extends AggregateDocumentProjection<TallyDocument, TalliedV1> {
  handled = 0;
  /** `<aggregate id>@<revision>` of every event this instance evolved, in order. */
  readonly evolved: string[] = [];
  /** The same, of every event handed to this instance (also those its revision guards then skipped). */
  readonly received: string[] = [];
  protected readonly collectionName = talliesCollection;

  constructor(
    @Inject(READ_MODEL_STORE) protected readonly store: ReadModelStore,
    private readonly repository: EventSourcingRepository,
  ) {
    super();
  }

  override async project(batch: readonly RecordedDomainEvent<TalliedV1>[]): Promise<TallyDocument[]> {
    this.received.push(...batch.map((record) => `${record.metadata.aggregateId}@${record.revision}`));
    return super.project(batch);
  }

  protected async evolve(current: TallyDocument | null, record: RecordedDomainEvent<TalliedV1>): Promise<TallyDocument> {
    const { event } = record;
    this.handled++;
    this.evolved.push(`${record.metadata.aggregateId}@${record.revision}`);
    await observe.evolving?.(record);
    if (event.data.by === poison.amount && !poison.cured) throw new Error('cannot tally the poison amount');
    return { _id: record.metadata.aggregateId, total: (current?.total ?? 0) + event.data.by, last_revision: Number(record.revision) };
  }

  protected async fromWriteModel(id: string, revision?: bigint): Promise<TallyDocument | null> {
    const loaded = revision === undefined ? await this.repository.load(Tally, id, { useCache: false }) : await this.repository.loadAt(Tally, id, { revision });
    return { _id: id, total: loaded.state.total, last_revision: Number(loaded.revision) };
  }
}

/** Lets a spec watch (and hold) each event as the tally watcher handles it. */
export const watch: { handling?: (record: RecordedDomainEvent<TalliedV1>) => Promise<void> | void } = {};

/** A process manager on tallies: `<aggregate id>@<revision>` of every event it finished handling, in order. */
@ProcessManager('tally-watcher', TalliedV1)
export class TallyWatcher implements EventSubscriber<TalliedV1> {
  readonly handled: string[] = [];

  async handle(record: RecordedDomainEvent<TalliedV1>): Promise<void> {
    await watch.handling?.(record);
    this.handled.push(`${record.metadata.aggregateId}@${record.revision}`);
  }
}

@Module({
  imports: [MongooseModule.forFeature([{ name: TallyDocument.name, schema: TallyDocumentSchema }]), EventSourcingModule.forFeature({ aggregates: [Tally] })],
  providers: [TallyProjection, TallyWatcher],
})
class TallyModule {}

export const fastSettings: Partial<ReadSideSettings> = {
  initialBackoffMs: 5,
  maxBackoffMs: 20,
  standbyRetryMs: 100,
  rebuildPollMs: 50,
  rebuildLeaseMs: 2000,
};

/** A projector of tallies on the given stores: its own connections, its own consumer of each group. */
export async function startTallies(kurrentdb: string, mongodb: string, database: string, settings: Partial<ReadSideSettings> = {}) {
  const module = await Test.createTestingModule({
    imports: [
      CqrsModule.forRoot(),
      EventSourcingModule.forRootAsync({
        useFactory: () => ({ connectionString: kurrentdb, snapshotEvery: 0, aggregateCacheSize: 0, conflictRetries: 3, operationDeadlineMs: 5000 }),
      }),
      MongooseModule.forRoot(mongodb, { dbName: database }),
      ProjectionsModule.forRoot({ ...fastSettings, ...settings }),
      TallyModule,
    ],
  }).compile();
  module.useLogger(false);
  await module.init();
  return module;
}
