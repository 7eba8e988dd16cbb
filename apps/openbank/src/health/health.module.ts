import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthHttpController } from './health.http.controller.js';
import { SubscriptionsHealthIndicator } from './subscriptions.health.js';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthHttpController],
  providers: [EventStoreHealthIndicator, SubscriptionsHealthIndicator],
})
export class HealthModule {}
