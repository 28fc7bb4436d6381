import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CALENDAR_SCHEMA_VERSION,
  CalendarEventFieldsSchema,
  createEvent,
  deleteEvent,
  eventsMap,
  initialiseMeta,
  readEvents,
  readMeta,
  updateEvent,
} from '../src/calendar-document.js';
import { nightShoot as shoot } from './support/calendar-event.fixture.js';

describe('calendar document: meta and events', () => {
  it('initialises meta once and never overwrites another client’s values', () => {
    const doc = new Y.Doc();
    initialiseMeta(doc, { name: 'Main unit', timezone: 'Europe/London' });
    initialiseMeta(doc, { name: 'Other', timezone: 'UTC' });
    expect(readMeta(doc)).toEqual({
      schemaVersion: CALENDAR_SCHEMA_VERSION,
      name: 'Main unit',
      timezone: 'Europe/London',
    });
  });

  it('stores an event as a Y.Map with exactly the documented fields', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, shoot);
    expect(eventsMap(doc).get(id)!.toJSON()).toEqual(shoot);
    expect(readEvents(doc)).toEqual([{ id, ...shoot }]);
  });

  it('refuses invalid events: bad formats, wrong kind, end before start', () => {
    const doc = new Y.Doc();
    expect(() => createEvent(doc, { ...shoot, start: '2026-12-01 18:00' })).toThrow();
    expect(() => createEvent(doc, { ...shoot, kind: 'party' as never })).toThrow();
    expect(() => createEvent(doc, { ...shoot, end: '2026-12-01T17:00' })).toThrow();
    expect(() => createEvent(doc, { ...shoot, allDay: true })).toThrow();
    expect(() => createEvent(doc, { ...shoot, start: '2026-02-30T10:00' })).toThrow();
    expect(readEvents(doc)).toEqual([]);
  });

  it('explains refused times in plain words, naming the last day of an all-day event', () => {
    const messages = (fields: Partial<typeof shoot>) => {
      const result = CalendarEventFieldsSchema.safeParse({ ...shoot, ...fields });
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages({ start: '' })).toEqual(['Enter a start date and time']);
    expect(messages({ end: '2026-12-01T17:00' })).toEqual(['End must be after the start']);
    expect(messages({ allDay: true, start: '2026-12-02', end: '' })).toEqual(['Enter a last day']);
    expect(messages({ allDay: true, start: '2026-12-02', end: '2026-12-02' })).toEqual([
      'The last day cannot be before the start date',
    ]);
  });

  it('updates only the given fields and preserves keys it does not know', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, shoot);
    eventsMap(doc).get(id)!.set('futureField', { crew: 42 });
    expect(updateEvent(doc, id, { title: 'Sc. 12A' })).toBe(true);
    expect(eventsMap(doc).get(id)!.toJSON()).toEqual({
      ...shoot,
      title: 'Sc. 12A',
      futureField: { crew: 42 },
    });
    expect(updateEvent(doc, 'missing', { title: 'x' })).toBe(false);
  });

  it('merges concurrent edits of different fields of one event', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createEvent(a, shoot);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateEvent(a, id, { title: 'Renamed' });
    updateEvent(b, id, { location: 'Backlot' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readEvents(a)).toEqual(readEvents(b));
    expect(readEvents(a)[0]).toMatchObject({ title: 'Renamed', location: 'Backlot' });
  });

  it('reads fields of the wrong type leniently instead of hiding the event', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    eventsMap(doc).set('odd', map);
    map.set('title', 7);
    map.set('kind', 'party');
    map.set('start', '2026-12-01');
    map.set('end', '2026-12-02');
    map.set('allDay', true);
    expect(readEvents(doc)).toEqual([
      {
        id: 'odd',
        title: '',
        kind: 'other',
        start: '2026-12-01',
        end: '2026-12-02',
        allDay: true,
        location: '',
        notes: '',
      },
    ]);
  });

  it('deletes an event', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, shoot);
    deleteEvent(doc, id);
    expect(readEvents(doc)).toEqual([]);
  });
});
