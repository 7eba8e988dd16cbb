import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { Access } from '@openbank/auth';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { SubscriptionsHealthIndicator } from './subscriptions.health.js';

@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly readStore: MongooseHealthIndicator,
    private readonly subscriptions: SubscriptionsHealthIndicator,
  ) {}

  @Get()
  @Access.public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Health of the event store, the read store and the subscriptions',
    description: 'Public. 200 when both stores answer and every subscription has a consumer, 503 otherwise; `details` says which.',
    operationId: 'health',
  })
  check() {
    return this.health.check([
      () => this.eventStore.check('event_store'),
      () => this.readStore.pingCheck('read_store').withTimeout(2000),
      () => this.subscriptions.check('subscriptions'),
    ]);
  }
}
