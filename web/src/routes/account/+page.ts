import { createApiClient } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url }) => {
  const user = await requireUser(createApiClient(fetch), url);
  return { user };
}) satisfies PageLoad;
