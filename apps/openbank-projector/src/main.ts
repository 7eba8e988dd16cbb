import { validateEnvironment } from '@openbank/bank';
import { startTracing } from '@openbank/observability/tracing';

const environment = validateEnvironment(process.env);

// As in the API: tracing patches the store clients as they load, so it starts first.
const tracing = environment.TRACING_ENABLED ? await startTracing({ serviceName: `${environment.OTEL_SERVICE_NAME}-projector` }) : undefined;

const { runProjector } = await import('./projector.js');
await runProjector(environment, tracing);
