import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StreamActivity, StreamActivitySchema } from '../operations/stream-activity.schema.js';
import { StatisticsHttpController } from './statistics.http.controller.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: StreamActivity.name, schema: StreamActivitySchema }])],
  controllers: [StatisticsHttpController],
})
export class StatisticsModule {}
