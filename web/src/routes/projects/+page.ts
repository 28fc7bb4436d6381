import { createApiClient, unwrap } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url }) => {
  const api = createApiClient(fetch);
  const user = await requireUser(api, url);
  const { projects } = await unwrap(api.GET('/api/projects'));
  return { user, projects };
}) satisfies PageLoad;
