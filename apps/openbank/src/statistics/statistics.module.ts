import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { StatisticsHttpController } from './statistics.http.controller.js';
import { StoreStatistics, StoreStatisticsSchema } from './store-statistics.schema.js';
import { StoreStatisticsProjection } from './store-statistics.projection.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: StoreStatistics.name, schema: StoreStatisticsSchema }])],
  controllers: [StatisticsHttpController],
  providers: [StoreStatisticsProjection],
})
export class StatisticsModule {}
