import type { CalendarEventFields } from '../../src/calendar-document.js';

/** A valid event crossing midnight, for tests that need one. */
export const nightShoot: CalendarEventFields = {
  title: 'Sc. 12 — Diner, night',
  kind: 'shoot',
  start: '2026-12-01T18:00',
  end: '2026-12-02T02:00',
  allDay: false,
  location: 'Stage 4',
  notes: '',
};
