import { createApiClient, unwrap } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import { pageError } from '$lib/errors/api-error';
import { loadLastKnown } from '$lib/offline/last-known';
import { canManageProject } from '@callboard/domain';
import type { PageLoad } from './$types';

export const load = (async ({ fetch, url, params }) => {
  const api = createApiClient(fetch);
  const user = await requireUser(api, url);
  const path = { params: { path: { projectId: params.projectId } } };
  const { value, savedAt } = await loadLastKnown(`project:${params.projectId}`, async () => {
    const [{ project }, { calendars }, { members }] = await Promise.all([
      unwrap(api.GET('/api/projects/{projectId}', path)),
      unwrap(api.GET('/api/projects/{projectId}/calendars', path)),
      unwrap(api.GET('/api/projects/{projectId}/members', path)),
    ]);
    // Only owners see pending invites; asking as anyone else would be refused.
    const { invites } = canManageProject(project.role)
      ? await unwrap(api.GET('/api/projects/{projectId}/invites', path))
      : { invites: [] };
    return { project, calendars, members, invites };
  }).catch(pageError);
  return { user, ...value, savedAt };
}) satisfies PageLoad;
