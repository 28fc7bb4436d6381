import createClient from 'openapi-fetch';
import { ApiError, NetworkError } from '$lib/errors/api-error';
import type { paths } from './schema';

/** The typed API client; every type comes from the generated OpenAPI schema. */
export function createApiClient(fetcher: typeof fetch = fetch) {
  return createClient<paths>({ baseUrl: '', fetch: (request) => fetcher(request) });
}

export type ApiClient = ReturnType<typeof createApiClient>;

interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws ApiError / NetworkError. */
export async function unwrap<T>(call: Promise<ApiResult<T>>): Promise<T> {
  let result: ApiResult<T>;
  try {
    result = await call;
  } catch {
    throw new NetworkError();
  }
  const { response } = result;
  if (response.ok) return result.data as T;
  const body = result.error as { error?: { code?: string; message?: string } } | undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(
    response.status,
    body?.error?.code ?? 'unknown',
    body?.error?.message ?? `The server answered ${response.status}.`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}
