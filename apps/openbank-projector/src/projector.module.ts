import { Module, type DynamicModule } from '@nestjs/common';
import { BankModule, type Environment, type StoreEndpoints } from '@openbank/bank';
import { LoggerModule } from 'nestjs-pino';
import { projectorLoggerOptions } from './projector-logger.js';

/** The projector process: the bank with its read side consumed here, and no HTTP API. */
@Module({})
export class ProjectorModule {
  static register(environment: Environment, stores: StoreEndpoints): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [LoggerModule.forRoot(projectorLoggerOptions(environment)), BankModule.register({ environment, stores, role: 'projector' })],
    };
  }
}
