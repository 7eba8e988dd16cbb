import type { RecordedDomainEvent, TraceContextSource } from '@openbank/event-sourcing';

/**
 * What the application traces, beyond what the instrumentations of HTTP, MongoDB and KurrentDB
 * see: commands, the handling of each event by each subscription (continuing the trace of the
 * work that recorded it), and the route template of each HTTP request. Implemented with
 * OpenTelemetry in open-telemetry.tracing.ts, which is loaded only when tracing is on.
 */
export interface ApplicationTracing extends TraceContextSource {
  command<T>(name: string, correlationId: string | undefined, run: () => Promise<T>): Promise<T>;
  eventHandling<T>(subscription: string, recorded: RecordedDomainEvent, handling: () => Promise<T>): Promise<T>;
  /** Names the HTTP server span of the current request after its route (`POST /api/v1/accounts/:id/close`). */
  httpRoute(route: string): void;
}

export const APPLICATION_TRACING = Symbol('APPLICATION_TRACING');

export async function loadApplicationTracing(): Promise<ApplicationTracing> {
  const { OpenTelemetryTracing } = await import('./open-telemetry.tracing.js');
  return new OpenTelemetryTracing();
}
