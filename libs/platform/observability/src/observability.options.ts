export interface ObservabilityOptions {
  /**
   * Trace HTTP requests, commands and event handling with OpenTelemetry. The SDK itself is started
   * before the application is loaded (see startTracing in `@openbank/observability/tracing`);
   * when this is off, no OpenTelemetry code is loaded at all.
   */
  readonly tracing: boolean;
}
