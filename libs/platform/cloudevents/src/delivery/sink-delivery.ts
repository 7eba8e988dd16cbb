import type { Logger } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { EventSubscriber } from '@openbank/projections';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudEventsOptions } from '../cloudevents.options.js';
import type { CloudEventMapper } from '../mapping/cloudevent.mapper.js';
import { DeliveryStopped, type HttpSink } from './http-sink.js';

/** The sink refused the event for good (a 4xx): the subscription parks it so an operator sees it. */
export class CloudEventRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CloudEventRefused';
  }
}

type Backoff = Pick<CloudEventsOptions, 'initialBackoffMs' | 'maxBackoffMs'>;

/**
 * Delivers each event of its subscription to one sink, in order. A sink that is down or failing
 * holds the subscription on the same event, retried with capped exponential backoff for as long
 * as it takes: it is never parked or skipped for that (the subscription would park an event that
 * keeps failing, so the retrying happens here). The checkpoint moves only after a 2xx, so after a
 * stop or a crash the event in flight is sent again: at least once, duplicates carry the same id.
 */
export class SinkDelivery implements EventSubscriber {
  private readonly stopping = new AbortController();

  constructor(
    private readonly sink: HttpSink,
    private readonly mapper: CloudEventMapper,
    private readonly backoff: Backoff,
    private readonly logger: Logger,
  ) {}

  async handle(recorded: RecordedDomainEvent): Promise<void> {
    if (!this.mapper.publishes(recorded)) return;
    const cloudEvent = this.mapper.toCloudEvent(recorded);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.sink.send(cloudEvent, this.stopping.signal);
      if (outcome.delivered) return;
      if (outcome.permanent) throw new CloudEventRefused(outcome.reason);
      const delayMs = backoffDelay(this.backoff, attempt);
      this.logger.warn({ msg: 'CloudEvent not delivered; retrying', sink: this.sink.name, eventId: cloudEvent.id, type: cloudEvent.type, attempt, delayMs, reason: outcome.reason });
      await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => {
        throw new DeliveryStopped();
      });
    }
  }

  /** Abandons the attempt in progress (the application stops); its event stays undelivered. */
  stop(): void {
    this.stopping.abort();
  }
}

export function backoffDelay({ initialBackoffMs, maxBackoffMs }: Backoff, attempt: number): number {
  return Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.max(0, attempt - 1));
}
