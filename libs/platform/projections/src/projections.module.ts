import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { MongoReadModelStore } from './documents/mongo-read-model-store.js';
import { READ_MODEL_STORE } from './documents/read-model-store.port.js';
import { SubscriptionCheckpoint, SubscriptionCheckpointSchema } from './checkpoints/checkpoint.schema.js';
import { CheckpointStore } from './checkpoints/checkpoint.store.js';
import { ParkedEvent, ParkedEventSchema } from './parking/parked-event.schema.js';
import { ParkedEventStore } from './parking/parked-event.store.js';
import { SubscriptionHost } from './subscriptions/subscription-host.js';
import { SUBSCRIPTION_SETTINGS, defaultSubscriptionSettings, type SubscriptionSettings } from './subscriptions/subscription.settings.js';

/**
 * The read-side machinery: a checkpointed $all subscription for every `@Projection` and
 * `@ProcessManager` in the application, checkpoints and parked events in MongoDB.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(settings: Partial<SubscriptionSettings> = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      imports: [
        DiscoveryModule,
        MongooseModule.forFeature([
          { name: SubscriptionCheckpoint.name, schema: SubscriptionCheckpointSchema },
          { name: ParkedEvent.name, schema: ParkedEventSchema },
        ]),
      ],
      providers: [
        { provide: SUBSCRIPTION_SETTINGS, useValue: { ...defaultSubscriptionSettings, ...settings } },
        { provide: READ_MODEL_STORE, useFactory: (connection: Connection) => new MongoReadModelStore(connection), inject: [getConnectionToken()] },
        CheckpointStore,
        ParkedEventStore,
        SubscriptionHost,
      ],
      exports: [SubscriptionHost, ParkedEventStore, CheckpointStore, READ_MODEL_STORE],
    };
  }
}
