import { createContext } from 'svelte';
import type { CalendarInfo } from './calendar-meta';
import type { CalendarSession } from './calendar-session.svelte';

/**
 * The calendar open in the pages under /calendars/<id> (its views and its stripboard): one
 * session, so going from the month to the board keeps the connection and the undo history.
 */
export interface OpenCalendar {
  readonly calendar: CalendarInfo;
  /** Null until the layout has opened it in the browser. */
  readonly session: CalendarSession | null;
  /** Follows role changes the server announces after the page loaded. */
  readonly readOnly: boolean;
}

export const [getOpenCalendar, setOpenCalendar] = createContext<OpenCalendar>();
