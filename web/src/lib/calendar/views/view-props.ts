import type { BoardDay, CalendarEvent } from '@callboard/domain';
import type { Peer } from '../calendar-session.svelte';

/** What every calendar view receives from the editor page. */
export interface CalendarViewProps {
  /** For the links to the calendar's stripboard. */
  calendarId: string;
  events: CalendarEvent[];
  /** The shoot days among the events, by id, with their number and totals (readBoard). */
  shootDays: Map<string, BoardDay>;
  /** Others who have an event open, by event id. */
  editorsByEvent: Map<string, Peer[]>;
  selectedId: string | null;
  readOnly: boolean;
  onopen: (id: string) => void;
}

/** The views laid out on dates (month and week). */
export interface DatedViewProps extends CalendarViewProps {
  /** A date in the period shown, `YYYY-MM-DD`. */
  focusDate: string;
  /** Today in the calendar's time zone. */
  today: string;
}
