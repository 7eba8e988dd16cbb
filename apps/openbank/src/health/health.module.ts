import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { StreamActivity, StreamActivitySchema } from '@openbank/bank';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthHttpController } from './health.http.controller.js';
import { StoreFigures } from './store-figures.js';
import { StoreFiguresHttpController } from './store-figures.http.controller.js';
import { SubscriptionsHealthIndicator } from './subscriptions.health.js';

/** Whether the stores and the subscriptions are up (public, for probes), and the stores' figures (admins). */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), MongooseModule.forFeature([{ name: StreamActivity.name, schema: StreamActivitySchema }])],
  controllers: [HealthHttpController, StoreFiguresHttpController],
  providers: [EventStoreHealthIndicator, SubscriptionsHealthIndicator, StoreFigures],
})
export class HealthModule {}
