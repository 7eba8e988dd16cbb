// The environment alone, not the bank: the bank loads the store clients, which tracing must patch first.
import { validateEnvironment } from '@openbank/bank/environment';
import { startTracing } from '@openbank/observability/tracing';

const environment = validateEnvironment(process.env);

// As in the API: tracing patches the store clients as they load, so it starts first.
const tracing = environment.TRACING_ENABLED ? await startTracing({ serviceName: `${environment.OTEL_SERVICE_NAME}-projector` }) : undefined;

const { runProjector } = await import('./projector.js');
await runProjector(environment, tracing);
