import { createRequire } from 'node:module';

export interface TracingSettings {
  /** service.name of every span, unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES says otherwise. */
  readonly serviceName: string;
}

export interface StartedTracing {
  /** Exports the spans still buffered; call it last when the process stops. */
  shutdown(): Promise<void>;
}

/** Requests that are not worth a trace each: probes and scrapes. */
const untraced = new Set(['/health', '/metrics']);

/**
 * Starts OpenTelemetry tracing for the whole process. Call it before the application's modules
 * are imported (main.ts imports the application only afterwards): the instrumentations hook
 * `require`, and patch the HTTP server, the MongoDB driver and the KurrentDB client as they load.
 *
 * The exporter, endpoint, headers, sampler and resource come from the standard OTEL_* variables,
 * read by the SDK (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER…).
 * Only traces are exported: metrics are served at /metrics and logs written to stdout.
 * The OpenTelemetry packages are loaded here, so a process with tracing off never loads them.
 */
export async function startTracing(settings: TracingSettings): Promise<StartedTracing> {
  const [{ KurrentDBInstrumentation }, { HttpInstrumentation }, { MongoDBInstrumentation }, { NodeSDK }] = await Promise.all([
    import('@kurrent/opentelemetry'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-mongodb'),
    import('@opentelemetry/sdk-node'),
  ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => untraced.has((request.url ?? '').split('?')[0]!) }),
      new MongoDBInstrumentation(),
      new KurrentDBInstrumentation(),
    ],
  });
  sdk.start();
  // The application imports the KurrentDB client from ES modules, which load a CommonJS package
  // without going through `require`, where the instrumentation waits for it. Loading it through
  // `require` first patches the one copy every later import shares. (mongodb and node:http are
  // required by mongoose and fastify, which are CommonJS: the hook sees them on its own.)
  createRequire(import.meta.url)('@kurrent/kurrentdb-client');
  return { shutdown: () => sdk.shutdown() };
}
