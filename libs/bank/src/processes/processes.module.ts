import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProcessDirectory } from './process-directory.js';
import { PROCESS_ROLE, ProcessHeartbeat } from './process-heartbeat.js';
import { ProcessRecord, ProcessRecordSchema } from './process-record.schema.js';

/** `api` serves HTTP; `projector` consumes the read side; `api+projector` does both in one process (tests). */
export type ProcessRole = 'api' | 'projector' | 'api+projector';

/** Every process reports itself; any process can list them. */
@Module({})
export class ProcessesModule {
  static register(role: ProcessRole): DynamicModule {
    return {
      module: ProcessesModule,
      global: true,
      imports: [MongooseModule.forFeature([{ name: ProcessRecord.name, schema: ProcessRecordSchema }])],
      providers: [{ provide: PROCESS_ROLE, useValue: role }, ProcessHeartbeat, ProcessDirectory],
      exports: [ProcessDirectory],
    };
  }
}
