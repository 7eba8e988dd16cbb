import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { StreamActivity } from '@openbank/bank';
import { EVENT_STORE, type EventStore } from '@openbank/event-sourcing';
import { MongoServerError } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { streamTotals } from '../statistics/stream-totals.js';
import { EventStoreHealthIndicator } from './event-store.health.js';
import type { ReadStoreFiguresResponse, StoreFiguresResponse } from './store-figures.response.js';

/** MongoDB's answer to a command it does not have (the embedded server has no `dbStats`). */
const commandNotFound = 59;

/**
 * The stores' figures, each from a cheap source: the log's head (one read), the server's answer
 * about atomic appends (asked once), streams and events summed over the stream-activity read
 * model (one small document per stream), each collection's own count and the database's own
 * statistics (no document read).
 */
@Injectable()
export class StoreFigures {
  constructor(
    private readonly eventStoreHealth: EventStoreHealthIndicator,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @InjectModel(StreamActivity.name) private readonly activity: Model<StreamActivity>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  async figures(): Promise<StoreFiguresResponse> {
    const [head, atomic, { streams, events }, readStore] = await Promise.all([
      this.eventStoreHealth.headPosition(),
      this.eventStore.atomicAcrossStreams(),
      streamTotals(this.activity),
      this.readStore(),
    ]);
    return { event_store: { head_position: head?.toString() ?? null, atomic_appends: atomic, streams, events }, read_store: readStore };
  }

  private async readStore(): Promise<ReadStoreFiguresResponse> {
    const db = this.connection.db!;
    const [names, statistics] = await Promise.all([db.listCollections({ type: 'collection' }, { nameOnly: true }).toArray(), this.databaseStatistics()]);
    const counted = await Promise.all(
      names
        .map(({ name }) => name)
        .filter((name) => !name.startsWith('system.'))
        .sort()
        .map(async (name) => [name, await db.collection(name).estimatedDocumentCount()] as const),
    );
    return { collections: Object.fromEntries(counted), ...statistics };
  }

  private async databaseStatistics(): Promise<Omit<ReadStoreFiguresResponse, 'collections'>> {
    try {
      const stats = await this.connection.db!.command({ dbStats: 1 });
      return { data_bytes: Number(stats.dataSize), storage_bytes: Number(stats.storageSize), indexes: Number(stats.indexes), index_bytes: Number(stats.indexSize) };
    } catch (error) {
      if (error instanceof MongoServerError && error.code === commandNotFound) return {};
      throw error;
    }
  }
}
