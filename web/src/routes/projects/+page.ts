import { createApiClient, unwrap } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import { pageError } from '$lib/errors/api-error';
import { loadLastKnown } from '$lib/offline/last-known';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url }) => {
  const api = createApiClient(fetch);
  const user = await requireUser(api, url);
  const { value: projects, savedAt } = await loadLastKnown(
    'projects',
    async () => (await unwrap(api.GET('/api/projects'))).projects,
  ).catch(pageError);
  return { user, projects, savedAt };
}) satisfies PageLoad;
