import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { RecordedDomainEvent, TraceContextFields } from '@openbank/event-sourcing';
import { outcomeOfError } from '../commands/command-outcome.js';
import type { ApplicationTracing } from './application-tracing.js';

/**
 * The application's spans, on whatever tracer provider startTracing registered. A command is a
 * child of the span in progress (the HTTP request, or the handling of the event a process reacts
 * to); the handling of an event continues the trace recorded in the event's metadata, so a
 * projection's MongoDB writes land in the trace of the request that caused them.
 */
export class OpenTelemetryTracing implements ApplicationTracing {
  private readonly tracer = trace.getTracer('openbank');

  current(): TraceContextFields | undefined {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    if (!carrier.traceparent) return undefined;
    return { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
  }

  command<T>(name: string, correlationId: string | undefined, run: () => Promise<T>): Promise<T> {
    const attributes: Attributes = { 'openbank.command': name, ...(correlationId ? { 'openbank.correlation_id': correlationId } : {}) };
    return this.tracer.startActiveSpan(`command ${name}`, { kind: SpanKind.INTERNAL, attributes }, (span) =>
      this.ending(span, run, (error) => {
        const { outcome, code } = outcomeOfError(error);
        span.setAttributes({ 'openbank.command.outcome': outcome, 'error.type': code });
        // A refusal is an answer, not a fault of the system.
        if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      }),
    );
  }

  eventHandling<T>(subscription: string, recorded: RecordedDomainEvent, handling: () => Promise<T>): Promise<T> {
    const { traceparent, tracestate, correlationId } = recorded.metadata;
    const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent, ...(tracestate ? { tracestate } : {}) }) : ROOT_CONTEXT;
    const attributes: Attributes = {
      'messaging.system': 'kurrentdb',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': subscription,
      'messaging.destination.name': recorded.streamId,
      'messaging.message.id': recorded.eventId,
      'openbank.event_type': recorded.storedType,
      'openbank.correlation_id': correlationId,
    };
    return this.tracer.startActiveSpan(`process ${recorded.storedType}`, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
      this.ending(span, handling, (error) => {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }),
    );
  }

  httpRoute(route: string): void {
    const metadata = getRPCMetadata(context.active());
    if (metadata?.type === RPCType.HTTP) metadata.route = route;
  }

  private async ending<T>(span: Span, run: () => Promise<T>, failed: (error: unknown) => void): Promise<T> {
    try {
      return await run();
    } catch (error) {
      failed(error);
      throw error;
    } finally {
      span.end();
    }
  }
}
