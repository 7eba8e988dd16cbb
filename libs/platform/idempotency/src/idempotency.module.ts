import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ForgottenAnswers } from './forgotten-answers.js';
import { IdempotencyRecord, IdempotencyRecordSchema } from './idempotency-record.schema.js';
import { IdempotencyGuard } from './idempotency.guard.js';
import { IDEMPOTENCY_OPTIONS, defaultIdempotencyOptions, type IdempotencyOptions } from './idempotency.options.js';
import { IdempotencyStore } from './idempotency.store.js';
import { IdempotentAnswers } from './idempotent-answers.js';

/**
 * Idempotency-Key support for every POST route of the application, keys kept in MongoDB. Import
 * it after the AuthModule: its guard must know who is calling.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(options: Partial<IdempotencyOptions> = {}): DynamicModule {
    return {
      module: IdempotencyModule,
      imports: [MongooseModule.forFeature([{ name: IdempotencyRecord.name, schema: IdempotencyRecordSchema }])],
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: { ...defaultIdempotencyOptions, ...options } },
        IdempotencyStore,
        IdempotentAnswers,
        ForgottenAnswers,
        { provide: APP_GUARD, useClass: IdempotencyGuard },
      ],
    };
  }
}
