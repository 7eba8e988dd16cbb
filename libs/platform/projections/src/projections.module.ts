import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { MongoReadModelStore } from './documents/mongo-read-model-store.js';
import { READ_MODEL_STORE } from './documents/read-model-store.port.js';
import { ParkedEvent, ParkedEventSchema } from './parking/parked-event.schema.js';
import { ParkedEventStore } from './parking/parked-event.store.js';
import { READ_SIDE_SETTINGS, defaultReadSideSettings, type ReadSideSettings } from './read-side.settings.js';
import { RebuildJob, RebuildJobSchema } from './rebuilds/rebuild-job.schema.js';
import { RebuildJobs } from './rebuilds/rebuild-jobs.js';
import { SubscriptionHost } from './subscription-host.js';

/**
 * The read-side machinery: consumer groups on $all for every `@Projection`, `@ProcessManager`
 * and sink in the application (consumed where `role` is `consume`: in projectors), the read-model
 * store, parked events and rebuild jobs in MongoDB.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(settings: Partial<ReadSideSettings> = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      imports: [
        DiscoveryModule,
        MongooseModule.forFeature([
          { name: ParkedEvent.name, schema: ParkedEventSchema },
          { name: RebuildJob.name, schema: RebuildJobSchema },
        ]),
      ],
      providers: [
        { provide: READ_SIDE_SETTINGS, useValue: { ...defaultReadSideSettings, ...settings } },
        { provide: READ_MODEL_STORE, useFactory: (connection: Connection) => new MongoReadModelStore(connection), inject: [getConnectionToken()] },
        ParkedEventStore,
        RebuildJobs,
        SubscriptionHost,
      ],
      exports: [SubscriptionHost, ParkedEventStore, READ_MODEL_STORE],
    };
  }
}
