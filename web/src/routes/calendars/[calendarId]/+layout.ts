import { createApiClient } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import { loadCalendarInfo } from '$lib/calendar/calendar-meta';
import { pageError } from '$lib/errors/api-error';
import type { LayoutLoad } from './$types';

export const load = (async ({ fetch, url, params }) => {
  const api = createApiClient(fetch);
  const user = await requireUser(api, url);
  const calendar = await loadCalendarInfo(api, params.calendarId).catch(pageError);
  return { user, calendar };
}) satisfies LayoutLoad;
