import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StreamActivity, StreamActivitySchema } from '@openbank/bank';
import { StatisticsHttpController } from './statistics.http.controller.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: StreamActivity.name, schema: StreamActivitySchema }])],
  controllers: [StatisticsHttpController],
})
export class StatisticsModule {}
