import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ALL_DOMAIN_EVENTS, SubscriptionHost } from '@openbank/projections';
import { CLOUDEVENTS_OPTIONS, type CloudEventsOptions } from '../cloudevents.options.js';
import { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { HttpSink, sinkName } from './http-sink.js';
import { SinkDelivery } from './sink-delivery.js';

/** The subscription of one sink, named after it: its consumer group and parked events go by that name. */
export const sinkSubscriptionName = (url: string) => `cloudevents:${sinkName(url)}`;

/**
 * One consumer group per configured sink, taking every domain event, so a slow or absent sink
 * holds up only its own deliveries. One projector at a time holds a sink's group (the others wait
 * on standby), so events reach the sink in order; status, lag and parked events are in /health.
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
      this.host.register({ name, kind: 'sink', events: ALL_DOMAIN_EVENTS }, delivery);
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
        const stopped = this.host.consuming ? this.host.stop(name) : undefined;
        delivery.stop();
        await stopped;
      }),
    );
  }
}
