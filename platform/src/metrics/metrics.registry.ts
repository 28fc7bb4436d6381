import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process: the API and the realtime tier register into it, so the
 * combined process serves a single /metrics.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type { Registry };
