import type { CalendarEventFields } from '@callboard/domain';

/** A valid morning shoot, for tests that need an event. */
export const sceneOne: CalendarEventFields = {
  title: 'Sc. 1 — Kitchen',
  kind: 'shoot',
  start: '2026-12-01T08:00',
  end: '2026-12-01T12:00',
  allDay: false,
  location: 'Stage 2',
  notes: '',
};
