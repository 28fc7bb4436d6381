import { unwrap, type ApiClient } from '$lib/api/api-client';
import type { components } from '$lib/api/schema';
import { loadLastKnown } from '$lib/offline/last-known';

export type CalendarInfo = components['schemas']['CalendarWithRole'];

/** The calendar's name, zone and the caller's role; offline, the last one seen here. */
export async function loadCalendarInfo(api: ApiClient, calendarId: string): Promise<CalendarInfo> {
  const { value } = await loadLastKnown(`calendar:${calendarId}`, async () => {
    const path = { params: { path: { calendarId } } };
    return (await unwrap(api.GET('/api/calendars/{calendarId}', path))).calendar;
  });
  return value;
}
