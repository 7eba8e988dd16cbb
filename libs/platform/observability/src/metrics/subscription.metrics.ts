import { Injectable, Logger } from '@nestjs/common';
import { SubscriptionHost, type SubscriptionStatus } from '@openbank/projections';
import { Gauge, Registry } from 'prom-client';

type Labels = 'subscription' | 'kind';

/**
 * Where each projection, process and CloudEvent sink stands, measured when Prometheus scrapes
 * (the subscription host asks the event store for its groups' figures): one status read serves every gauge of
 * a scrape.
 */
@Injectable()
export class SubscriptionMetrics {
  private readonly logger = new Logger(SubscriptionMetrics.name);
  private scrape?: Promise<SubscriptionStatus[]>;

  constructor(
    private readonly host: SubscriptionHost,
    registry: Registry,
  ) {
    const gauge = (name: string, help: string, value: (status: SubscriptionStatus) => number) => {
      const statuses = () => this.statuses();
      return new Gauge<Labels>({
        name,
        help,
        labelNames: ['subscription', 'kind'],
        registers: [registry],
        async collect() {
          this.reset();
          for (const status of await statuses()) this.set({ subscription: status.name, kind: status.kind }, value(status));
        },
      });
    };
    gauge('openbank_subscription_lag_position', 'How far the subscription is behind the head of $all, in log positions', (status) => Number(status.lagPosition));
    gauge('openbank_subscription_lag_seconds', 'How long the oldest event the subscription has not processed yet has been waiting', (status) => status.lagMs / 1000);
    gauge('openbank_subscription_consumers', 'Consumers connected to the subscription\'s group, over every projector', (status) => status.consumers);
    gauge('openbank_subscription_parked_events', 'Events the subscription parked after repeated failures, waiting for a replay', (status) => status.parked);
    gauge('openbank_subscription_running', 'Whether a projector consumes the subscription (1) or none does (0)', (status) => (status.running ? 1 : 0));
  }

  /** A store that cannot be read leaves the gauges empty for this scrape rather than failing it. */
  private statuses(): Promise<SubscriptionStatus[]> {
    this.scrape ??= this.host
      .statuses()
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'subscription status unavailable for metrics', error: String(error) });
        return [];
      })
      .finally(() => {
        this.scrape = undefined;
      });
    return this.scrape;
  }
}
