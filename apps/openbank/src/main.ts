import { startTracing } from '@openbank/observability/tracing';
// The environment alone, not the bank: the bank loads the store clients, which tracing must patch first.
import { validateEnvironment } from '@openbank/bank/environment';

const environment = validateEnvironment(process.env);

// Tracing patches the HTTP server and the store clients as they load, so it starts before the
// application is imported. When it is off, no OpenTelemetry module is loaded at all.
const tracing = environment.TRACING_ENABLED ? await startTracing({ serviceName: environment.OTEL_SERVICE_NAME }) : undefined;

const { serve } = await import('./server.js');
await serve(environment, tracing);
