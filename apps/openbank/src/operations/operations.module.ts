import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OperationsHttpController } from './operations.http.controller.js';
import { StreamActivity, StreamActivitySchema } from '@openbank/bank';
import { StreamStatistics } from './stream-statistics.js';

/** The admin API: projections, parked events, stream health. */
@Module({
  imports: [MongooseModule.forFeature([{ name: StreamActivity.name, schema: StreamActivitySchema }])],
  controllers: [OperationsHttpController],
  providers: [StreamStatistics],
})
export class OperationsModule {}
