import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { AccountsModule } from '@openbank/accounts';
import { ArchivingModule, DirectoryArchiveStorage, S3ArchiveStorage } from '@openbank/archiving';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule, MongoDBPersonalDataKeys } from '@openbank/event-sourcing';
import { ObservabilityModule } from '@openbank/observability';
import { PersonsModule } from '@openbank/persons';
import { ProjectionsModule } from '@openbank/projections';
import { TransactionsModule } from '@openbank/transactions';
import mongoose, { type Connection } from 'mongoose';
import { archiveDirectory, type Environment } from './config/environment.js';
import { ProcessesModule, type ProcessRole } from './processes/processes.module.js';
import type { StoreEndpoints } from './stores/embedded-stores.js';
import { StreamActivityModule } from './stream-activity/stream-activity.module.js';

export interface BankSettings {
  readonly environment: Environment;
  readonly stores: StoreEndpoints;
  /** What this process does: serves the API, projects, or (in tests) both. */
  readonly role: ProcessRole;
}

/**
 * The bank without a front door: its stores, the event-sourcing and read-side machinery, and the
 * bounded contexts. Each process of the bank is built on it: the API adds HTTP, auth and
 * idempotency; the projector consumes the read side's groups. Register a new context here.
 */
@Module({})
export class BankModule {
  static register({ environment, stores, role }: BankSettings): DynamicModule {
    // Filters on fields a schema does not declare are dropped rather than run.
    mongoose.set('strictQuery', true);
    return {
      module: BankModule,
      imports: [
        CqrsModule.forRoot(),
        ObservabilityModule.forRoot({ tracing: environment.TRACING_ENABLED }),
        EventSourcingModule.forRootAsync({
          inject: [getConnectionToken()],
          useFactory: (readStore: Connection) => ({
            connectionString: stores.kurrentdb,
            snapshotEvery: environment.SNAPSHOT_EVERY,
            maxSnapshots: environment.MAX_SNAPSHOTS,
            aggregateCacheSize: environment.AGGREGATE_CACHE_SIZE,
            conflictRetries: environment.COMMAND_CONFLICT_RETRIES,
            operationDeadlineMs: environment.STORE_DEADLINE_MS,
            // The persons' keys live apart from the events they seal (see docs/architecture.md D10).
            personalDataKeys: new MongoDBPersonalDataKeys(() => readStore.db!),
          }),
        }),
        MongooseModule.forRoot(stores.mongodb, {
          dbName: environment.MONGODB_DATABASE,
          // Fail fast (answer 503) instead of queueing operations while the read store is away.
          serverSelectionTimeoutMS: environment.STORE_DEADLINE_MS,
          bufferCommands: false,
          // A request value like {"$ne": null} is compared as data, never run as an operator;
          // the application marks its own operators with mongoose.trusted().
          sanitizeFilter: true,
        }),
        ProjectionsModule.forRoot({
          role: role === 'api' ? 'observe' : 'consume',
          maxBatchEvents: environment.PROJECTION_BATCH_EVENTS,
          batchLingerMs: environment.PROJECTION_BATCH_LINGER_MS,
          initialBackoffMs: environment.READ_SIDE_INITIAL_BACKOFF_MS,
          maxBackoffMs: environment.READ_SIDE_MAX_BACKOFF_MS,
          maxRetries: environment.READ_SIDE_MAX_RETRIES,
        }),
        ArchivingModule.forRootAsync({
          useFactory: async () => ({
            options: { afterDays: environment.ARCHIVE_AFTER_DAYS },
            storage:
              environment.ARCHIVE_STORAGE === 's3'
                ? await S3ArchiveStorage.connect({
                    bucket: environment.ARCHIVE_S3_BUCKET!,
                    prefix: environment.ARCHIVE_S3_PREFIX,
                    region: environment.ARCHIVE_S3_REGION,
                    endpoint: environment.ARCHIVE_S3_ENDPOINT,
                    forcePathStyle: environment.ARCHIVE_S3_FORCE_PATH_STYLE,
                  })
                : new DirectoryArchiveStorage(archiveDirectory(environment)),
          }),
        }),
        ProcessesModule.register(role),
        PersonsModule,
        AccountsModule.register({
          defaultOverdraftLimit: environment.DEFAULT_OVERDRAFT_LIMIT,
          maxOpenAccountsPerCustomer: environment.MAX_OPEN_ACCOUNTS_PER_CUSTOMER,
          limits: {
            maximumAmount: environment.MAX_TRANSACTION_AMOUNT,
            maxOutgoingPerDay: environment.VELOCITY_MAX_OUTGOING_PER_DAY,
            maxOutgoingPerHour: environment.VELOCITY_MAX_OUTGOING_PER_HOUR,
          },
          transferWaitMs: environment.TRANSFER_WAIT_MS,
        }),
        TransactionsModule,
        StreamActivityModule,
        // After the contexts: it checks at start-up that each of their event types has a CloudEvent type.
        CloudEventsModule.forRoot({
          sinks: environment.CLOUDEVENTS_SINKS,
          mode: environment.CLOUDEVENTS_MODE,
          requestTimeoutMs: environment.CLOUDEVENTS_TIMEOUT_MS,
          initialBackoffMs: environment.CLOUDEVENTS_INITIAL_BACKOFF_MS,
          maxBackoffMs: environment.CLOUDEVENTS_MAX_BACKOFF_MS,
        }),
      ],
    };
  }
}
