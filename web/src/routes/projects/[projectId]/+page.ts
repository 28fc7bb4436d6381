import { createApiClient, unwrap } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url, params }) => {
  const api = createApiClient(fetch);
  const user = await requireUser(api, url);
  const path = { params: { path: { projectId: params.projectId } } };
  const [{ project }, { calendars }, { members }] = await Promise.all([
    unwrap(api.GET('/api/projects/{projectId}', path)),
    unwrap(api.GET('/api/projects/{projectId}/calendars', path)),
    unwrap(api.GET('/api/projects/{projectId}/members', path)),
  ]);
  return { user, project, calendars, members };
}) satisfies PageLoad;
