import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SubscriptionHost } from '@openbank/projections';

/** Each projection, process and sink: whether a projector consumes it, its position, how far behind, what it parked. */
@Injectable()
export class SubscriptionsHealthIndicator {
  constructor(
    private readonly host: SubscriptionHost,
    private readonly indicators: HealthIndicatorService,
  ) {}

  check(key: string) {
    return this.indicators.check(key).attempt(async () => {
      const statuses = await this.host.statuses();
      return Object.fromEntries(
        statuses.map((status) => [
          status.name,
          {
            running: status.running,
            consumers: status.consumers,
            position: status.position?.commit.toString() ?? null,
            caught_up: status.caughtUp,
            lag_ms: status.lagMs,
            parked: status.parked,
          },
        ]),
      );
    });
  }
}
