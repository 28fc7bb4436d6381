import type { CalendarEventFields } from '@callboard/domain';
import * as Y from 'yjs';

/** An event within the document schema's limits, for tests that only need one to exist. */
export function testEvent(title = ''): Y.Map<unknown> {
  return new Y.Map<unknown>([['title', title]]);
}

/** Every documented field of a valid event (an all-day unit move), for `createEvent`. */
export const unitMove: CalendarEventFields = {
  title: 'Unit move to the coast',
  kind: 'travel',
  start: '2026-12-12',
  end: '2026-12-13',
  allDay: true,
  location: 'Coast',
  notes: '',
};
