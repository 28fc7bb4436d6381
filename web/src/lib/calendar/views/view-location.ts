import { isLocalDate } from '@callboard/domain';

export const CALENDAR_VIEWS = ['month', 'week', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** Which view and period of a calendar is on screen; kept in the URL so reload and back keep it. */
export interface ViewLocation {
  view: CalendarView;
  /** A date in the period shown, `YYYY-MM-DD`; null for today. */
  date: string | null;
}

/** Reads `?view=week&date=2027-01-04`; anything unknown falls back to the month of today. */
export function readViewLocation(params: URLSearchParams): ViewLocation {
  const view = params.get('view');
  const date = params.get('date');
  return {
    view: CALENDAR_VIEWS.find((known) => known === view) ?? 'month',
    date: date && isLocalDate(date) ? date : null,
  };
}

/** `url` showing `location`, its other parameters kept. */
export function viewLocationUrl(url: URL, location: ViewLocation): URL {
  const next = new URL(url);
  next.searchParams.set('view', location.view);
  if (location.date) next.searchParams.set('date', location.date);
  else next.searchParams.delete('date');
  return next;
}
