import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@openbank/auth';
import { BankModule, type Environment, type StoreEndpoints } from '@openbank/bank';
import { IdempotencyModule } from '@openbank/idempotency';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ArchivesModule } from './archiving/archives.module.js';
import { BackupsModule } from './backup/backups.module.js';
import { authSettings } from './config/auth-settings.js';
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
  /** Also run the read side in this process (the tests' single process); by default a projector does. */
  readonly alsoProjector?: boolean;
  /** Where the logs go instead of stdout (the specs read them). */
  readonly logDestination?: DestinationStream;
}

/** The API process: the bank (see BankModule) behind HTTP, with auth, idempotency and the operators' routes. */
@Module({})
export class AppModule {
  static register({ environment, stores, embeddedStores, alsoProjector = false, logDestination }: AppSettings): DynamicModule {
    const auth = authSettings(environment, embeddedStores);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(environment, logDestination)),
        BankModule.register({ environment, stores, role: alsoProjector ? 'api+projector' : 'api' }),
        AuthModule.forRoot(auth.options, auth.limits),
        IdempotencyModule.forRoot({ retentionMs: environment.IDEMPOTENCY_RETENTION_HOURS * 3_600_000, leaseMs: environment.IDEMPOTENCY_LEASE_MS }),
        StatisticsModule,
        OperationsModule,
        LedgerVerificationModule,
        ArchivesModule,
        BackupsModule.register(environment),
        HealthModule,
      ],
    };
  }
}
