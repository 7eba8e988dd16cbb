import { Inject, Injectable, Optional } from '@nestjs/common';
import type { RecordedDomainEvent } from '@openbank/event-sourcing';
import type { EventHandlingScope } from '@openbank/projections';
import { PinoLogger } from 'nestjs-pino';
import { APPLICATION_TRACING, type ApplicationTracing } from '../tracing/application-tracing.js';

/**
 * Runs the handling of each event by a projection, process or sink in a logging context of its
 * own: every line logged meanwhile, by whichever class, carries the event's correlation id (the
 * id of the HTTP request that started it all), its causation id and the event itself. When
 * tracing is on, the handling is also a span continuing the trace that recorded the event.
 */
@Injectable()
export class EventHandlingObservation implements EventHandlingScope {
  constructor(
    private readonly logger: PinoLogger,
    @Optional() @Inject(APPLICATION_TRACING) private readonly tracing?: ApplicationTracing,
  ) {}

  run<T>(subscription: string, recorded: RecordedDomainEvent, handling: () => Promise<T>): Promise<T> {
    const traced = this.tracing ? () => this.tracing!.eventHandling(subscription, recorded, handling) : handling;
    return this.logger.runInContext(traced, {
      bindings: {
        correlationId: recorded.metadata.correlationId,
        causationId: recorded.metadata.causationId,
        event: { id: recorded.eventId, type: recorded.storedType, stream: recorded.streamId, revision: recorded.revision.toString() },
      },
    });
  }
}
