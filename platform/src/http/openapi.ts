import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'email: Invalid email address' }),
    }),
  })
  .openapi('Error');

const descriptions: Record<number, string> = {
  400: 'Invalid input',
  401: 'No valid session',
  403: 'Not allowed (or cross-origin request)',
  404: 'Not found, or not a member',
  409: 'Conflict',
  410: 'Gone: the link was used or has expired',
  413: 'Body too large',
  429: 'Too many requests; see Retry-After',
  503: 'Not ready or a dependency is down',
};

/** Declares the error responses a route can give, so the OpenAPI document is complete. */
export function errorResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Error',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  ) as {
    [K in S]: {
      description: string;
      content: { 'application/json': { schema: typeof ErrorSchema } };
    };
  };
}

/** A required JSON request body, so a missing or non-JSON body is a 400, never undefined. */
export function jsonBody<T>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

export function jsonResponse<T>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A resource id in a path. A malformed id is answered like an unknown one: 404. */
export const ResourceId = z.uuid().openapi({ example: '0b9f7c1e-8a5e-4a49-9a3b-2f0e1d6c4a11' });
