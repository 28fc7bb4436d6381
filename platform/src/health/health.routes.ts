import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, jsonResponse } from '../http/openapi.js';

const CheckState = z.enum(['ok', 'embedded', 'down']);

export const HealthReportSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: CheckState, redis: CheckState }),
  })
  .openapi('HealthReport');

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  summary: 'Liveness of the process and its dependencies',
  responses: {
    200: {
      description: 'Every dependency answers',
      content: { 'application/json': { schema: HealthReportSchema } },
    },
    503: {
      description: 'A dependency is down; the failing check is named',
      content: { 'application/json': { schema: HealthReportSchema } },
    },
  },
});

export const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  summary: 'Readiness: migrations have run and the process can serve',
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    ...errorResponses(503),
  },
});

export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus metrics: with METRICS_TOKEN as a bearer token, or from loopback without one',
  responses: {
    200: {
      description: 'Prometheus text format',
      content: { 'text/plain': { schema: z.string() } },
    },
    401: jsonResponse('METRICS_TOKEN is set and the bearer token is missing or wrong', ErrorSchema),
    403: jsonResponse('METRICS_TOKEN is unset and the peer is not loopback', ErrorSchema),
  },
});
