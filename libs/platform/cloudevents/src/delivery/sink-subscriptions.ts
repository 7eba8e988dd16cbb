import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ALL_DOMAIN_EVENTS, SubscriptionHost, UnknownSubscription } from '@openbank/projections';
import { CLOUDEVENTS_OPTIONS, type CloudEventsOptions } from '../cloudevents.options.js';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { HttpSink, sinkName } from './http-sink.js';
import { SinkDelivery } from './sink-delivery.js';

/** The subscription of one sink, named after it: its checkpoint and parked events are kept under that name. */
export const sinkSubscriptionName = (url: string) => `cloudevents:${sinkName(url)}`;

/**
 * One checkpointed subscription to every domain event per configured sink, so a slow or absent
 * sink holds up only its own deliveries; the subscription host runs them like the processes
 * (status, lag and parked events in /health; only where PROJECTIONS_ENABLED).
 */
@Injectable()
export class SinkSubscriptions implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CloudEvents');
  private readonly deliveries = new Map<string, SinkDelivery>();

  constructor(
    private readonly host: SubscriptionHost,
    private readonly mapper: CloudEventMapper,
    @Inject(CLOUDEVENTS_OPTIONS) private readonly options: CloudEventsOptions,
  ) {}

  onModuleInit(): void {
    for (const url of this.options.sinks) {
      const sink = new HttpSink(url, this.options.mode, this.options.requestTimeoutMs);
      const delivery = new SinkDelivery(sink, this.mapper, this.options, this.logger);
      const name = sinkSubscriptionName(url);
      this.host.register({ name, kind: 'process', events: ALL_DOMAIN_EVENTS }, delivery);
      this.deliveries.set(name, delivery);
    }
  }

  /**
   * A delivery waiting for a sink that is down would hold the subscription's stop forever: the
   * subscription is told to stop first (so the abandoned event is neither counted as a failure
   * nor parked), then the waiting delivery is abandoned.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      [...this.deliveries].map(async ([name, delivery]) => {
        const stopped = this.host.stop(name).catch((error: unknown) => {
          if (!(error instanceof UnknownSubscription)) throw error;
        });
        delivery.stop();
        await stopped;
      }),
    );
  }
}
