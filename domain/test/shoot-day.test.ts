import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEvent, eventsMap } from '../src/calendar-document.js';
import { createShootDay, readShootDays, updateShootDay } from '../src/shoot-day.js';
import { nightShoot } from './support/calendar-event.fixture.js';

describe('shoot days', () => {
  it('adds a shoot day as an all-day shoot event with its unit and calls', () => {
    const doc = new Y.Doc();
    createShootDay(
      doc,
      { date: '2026-12-07', unit: '2nd Unit', crewCall: '06:00', shootingCall: '07:00' },
      'd1',
    );
    expect(eventsMap(doc).get('d1')!.toJSON()).toEqual({
      title: 'Shoot day (2nd Unit)',
      kind: 'shoot',
      start: '2026-12-07',
      end: '2026-12-08',
      allDay: true,
      location: '',
      notes: '',
      unit: '2nd Unit',
      crewCall: '06:00',
      shootingCall: '07:00',
      estWrap: '',
    });
  });

  it('reads a version-1 shoot event as a main-unit day on the date of its start', () => {
    const doc = new Y.Doc();
    createEvent(doc, nightShoot, 'v1');
    createEvent(doc, { ...nightShoot, kind: 'prep' }, 'prep');
    expect(readShootDays(doc)).toEqual([
      expect.objectContaining({
        id: 'v1',
        date: '2026-12-01',
        unit: 'Main',
        crewCall: '',
        shootingCall: '',
        estWrap: '',
      }),
    ]);
  });

  it('reads a blank unit as the main unit and a malformed call as not set', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-07' }, 'd1');
    const map = eventsMap(doc).get('d1')!;
    map.set('unit', '  ');
    map.set('crewCall', '7am');
    expect(readShootDays(doc)[0]).toMatchObject({ unit: 'Main', crewCall: '' });
  });

  it('changes only the given day fields and refuses a bad time or unit', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-07', crewCall: '06:00' }, 'd1');
    expect(updateShootDay(doc, 'd1', { estWrap: '19:30' })).toBe(true);
    expect(readShootDays(doc)[0]).toMatchObject({ crewCall: '06:00', estWrap: '19:30' });
    expect(() => updateShootDay(doc, 'd1', { crewCall: '25:00' })).toThrow();
    expect(() => updateShootDay(doc, 'd1', { unit: ' Main' })).toThrow();
    expect(() => createShootDay(doc, { date: '2026-12-08', unit: '' })).toThrow();
    expect(updateShootDay(doc, 'missing', { estWrap: '19:30' })).toBe(false);
  });
});
