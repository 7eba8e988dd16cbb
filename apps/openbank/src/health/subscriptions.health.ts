import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SubscriptionHost } from '@openbank/projections';

/** Each projection and process: running or not, its position, how far behind, what it parked. */
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
            position: status.position?.commit.toString() ?? null,
            lag_events: status.lag.events,
            lag_events_capped: status.lag.eventsCapped,
            lag_ms: status.lag.milliseconds,
            parked: status.parked,
          },
        ]),
      );
    });
  }
}
