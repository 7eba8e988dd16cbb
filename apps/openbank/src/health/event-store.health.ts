import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { BACKWARDS, END, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EVENT_SOURCING_OPTIONS, type EventSourcingOptions } from '@openbank/event-sourcing';

/** The event store answers a read of its newest event. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
  ) {}

  check(key: string) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        await this.headPosition();
      })
      .withTimeout(this.options.operationDeadlineMs);
  }

  /** The commit position of the newest event in the log ($all), null when it holds none. */
  async headPosition(): Promise<bigint | null> {
    for await (const newest of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: this.options.operationDeadlineMs })) {
      return newest.event?.position.commit ?? newest.commitPosition ?? null;
    }
    return null;
  }
}
