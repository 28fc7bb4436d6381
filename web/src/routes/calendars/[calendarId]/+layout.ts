import { createApiClient } from '$lib/api/api-client';
import { requireUser } from '$lib/auth/current-user';
import { loadCalendarInfo } from '$lib/calendar/calendar-meta';
import { pageError } from '$lib/errors/api-error';
import type { LayoutLoad } from './$types';

export const load = (async ({ fetch, url, params }) => {
  const api = createApiClient(fetch);
  // Both requests at once, one round trip before the document connects rather than two; the
  // user's answer is read first, so a signed-out visitor is sent to sign in, not shown a 401.
  const [user, calendar] = await Promise.allSettled([
    requireUser(api, url),
    loadCalendarInfo(api, params.calendarId),
  ]);
  if (user.status === 'rejected') throw user.reason;
  if (calendar.status === 'rejected') pageError(calendar.reason);
  return { user: user.value, calendar: calendar.value };
}) satisfies LayoutLoad;
