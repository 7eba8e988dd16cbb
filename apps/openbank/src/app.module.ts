import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsModule } from '@openbank/accounts';
import { AuthModule } from '@openbank/auth';
import { CloudEventsModule } from '@openbank/cloudevents';
import { EventSourcingModule } from '@openbank/event-sourcing';
import { IdempotencyModule } from '@openbank/idempotency';
import { ObservabilityModule } from '@openbank/observability';
import { PersonsModule } from '@openbank/persons';
import { ProjectionsModule } from '@openbank/projections';
import { TransactionsModule } from '@openbank/transactions';
import mongoose from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { authSettings } from './config/auth-settings.js';
import type { Environment } from './config/environment.js';
import type { StoreEndpoints } from './embedded/embedded-stores.js';
import { HealthModule } from './health/health.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { LedgerVerificationModule } from './ledger-verification/ledger-verification.module.js';
import { loggerOptions } from './http/logger-options.js';
import { StatisticsModule } from './statistics/statistics.module.js';

export interface AppSettings {
  readonly environment: Environment;
  readonly stores: StoreEndpoints;
  /** True when the stores are the embedded ones (local use): development tokens are on by default. */
  readonly embeddedStores: boolean;
  /** Where the logs go instead of stdout (the specs read them). */
  readonly logDestination?: DestinationStream;
}

/** The composition root: infrastructure modules, then one module per bounded context. */
@Module({})
export class AppModule {
  static register({ environment, stores, embeddedStores, logDestination }: AppSettings): DynamicModule {
    const auth = authSettings(environment, embeddedStores);
    // Filters on fields a schema does not declare are dropped rather than run.
    mongoose.set('strictQuery', true);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(environment, logDestination)),
        CqrsModule.forRoot(),
        ObservabilityModule.forRoot({ tracing: environment.TRACING_ENABLED }),
        AuthModule.forRoot(auth.options, auth.limits),
        EventSourcingModule.forRootAsync({
          useFactory: () => ({
            connectionString: stores.kurrentdb,
            snapshotEvery: environment.SNAPSHOT_EVERY,
            aggregateCacheSize: environment.AGGREGATE_CACHE_SIZE,
            conflictRetries: environment.COMMAND_CONFLICT_RETRIES,
            operationDeadlineMs: environment.STORE_DEADLINE_MS,
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
        ProjectionsModule.forRoot({ autoStart: environment.PROJECTIONS_ENABLED }),
        IdempotencyModule.forRoot({ retentionMs: environment.IDEMPOTENCY_RETENTION_HOURS * 3_600_000, leaseMs: environment.IDEMPOTENCY_LEASE_MS }),
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
        // After the contexts: it checks at start-up that each of their event types has a CloudEvent type.
        CloudEventsModule.forRoot({
          sinks: environment.CLOUDEVENTS_SINKS,
          mode: environment.CLOUDEVENTS_MODE,
          requestTimeoutMs: environment.CLOUDEVENTS_TIMEOUT_MS,
          initialBackoffMs: environment.CLOUDEVENTS_INITIAL_BACKOFF_MS,
          maxBackoffMs: environment.CLOUDEVENTS_MAX_BACKOFF_MS,
        }),
        StatisticsModule,
        OperationsModule,
        LedgerVerificationModule,
        HealthModule,
      ],
    };
  }
}
