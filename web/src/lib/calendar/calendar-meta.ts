import { unwrap, type ApiClient } from '$lib/api/api-client';
import type { components } from '$lib/api/schema';
import { NetworkError } from '$lib/errors/api-error';

export type CalendarInfo = components['schemas']['CalendarWithRole'];

const cacheKey = (calendarId: string) => `callboard:calendar:${calendarId}`;

/** The calendar's name, zone and the caller's role; offline, the last one seen here. */
export async function loadCalendarInfo(api: ApiClient, calendarId: string): Promise<CalendarInfo> {
  const cached = localStorage.getItem(cacheKey(calendarId));
  if (!navigator.onLine && cached) return JSON.parse(cached) as CalendarInfo;
  try {
    const { calendar } = await unwrap(
      api.GET('/api/calendars/{calendarId}', { params: { path: { calendarId } } }),
    );
    localStorage.setItem(cacheKey(calendarId), JSON.stringify(calendar));
    return calendar;
  } catch (error) {
    if (error instanceof NetworkError && cached) return JSON.parse(cached) as CalendarInfo;
    throw error;
  }
}
