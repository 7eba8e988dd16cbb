import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The application's own registry rather than prom-client's global one, so that several
 * applications can live in one process (as in the end-to-end specs) without sharing series.
 * It starts with Node's process metrics (CPU, memory, event loop, GC, handles).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
