import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { EVENT_SOURCING_METRICS, TRACE_CONTEXT_SOURCE } from '@openbank/event-sourcing';
import { EVENT_HANDLING_SCOPE } from '@openbank/projections';
import { Registry } from 'prom-client';
import { CommandObservation } from './commands/command-observation.js';
import { EventHandlingObservation } from './events/event-handling-observation.js';
import { HttpObservation } from './http/http-observation.js';
import { createMetricsRegistry } from './metrics/metrics.registry.js';
import { MetricsHttpController } from './metrics/metrics.http.controller.js';
import { SubscriptionMetrics } from './metrics/subscription.metrics.js';
import { WriteSideMetrics } from './metrics/write-side.metrics.js';
import type { ObservabilityOptions } from './observability.options.js';
import { APPLICATION_TRACING, loadApplicationTracing } from './tracing/application-tracing.js';

/**
 * Metrics at GET /metrics, the correlation id in the logs of event handling, and (when asked)
 * tracing. It plugs into the seams the libraries offer (EVENT_SOURCING_METRICS,
 * EVENT_HANDLING_SCOPE, TRACE_CONTEXT_SOURCE), into the CommandBus and into the HTTP server;
 * the libraries work the same without it. Needs nestjs-pino's LoggerModule and the CQRS,
 * event-sourcing and projections modules.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const tracing: Provider[] = options.tracing
      ? [
          { provide: APPLICATION_TRACING, useFactory: loadApplicationTracing },
          { provide: TRACE_CONTEXT_SOURCE, useExisting: APPLICATION_TRACING },
        ]
      : [];
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsHttpController],
      providers: [
        { provide: Registry, useFactory: createMetricsRegistry },
        ...tracing,
        { provide: EVENT_SOURCING_METRICS, useClass: WriteSideMetrics },
        { provide: EVENT_HANDLING_SCOPE, useClass: EventHandlingObservation },
        CommandObservation,
        HttpObservation,
        SubscriptionMetrics,
      ],
      exports: [Registry, EVENT_SOURCING_METRICS, EVENT_HANDLING_SCOPE, ...(options.tracing ? [TRACE_CONTEXT_SOURCE] : [])],
    };
  }
}
