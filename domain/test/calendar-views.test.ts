import { describe, expect, it } from 'vitest';
import {
  crewCall,
  DEFAULT_CREW_CALL,
  endAfterLastDay,
  lastDayOf,
  timesOnDate,
} from '../src/calendar-views.js';

const at = (id: string, start: string, end: string, allDay = false) => ({
  id,
  title: id,
  kind: 'shoot' as const,
  location: '',
  notes: '',
  allDay,
  start,
  end,
});

describe('all-day last day', () => {
  it('turns the stored exclusive end into the last day and back, across a year end', () => {
    expect(lastDayOf('2027-01-01')).toBe('2026-12-31');
    expect(endAfterLastDay('2026-12-31')).toBe('2027-01-01');
    expect(endAfterLastDay(lastDayOf('2026-12-05'))).toBe('2026-12-05');
  });

  it('passes an unfinished date through untouched, so validation can name it', () => {
    expect(endAfterLastDay('')).toBe('');
    expect(lastDayOf('2026-13-01')).toBe('2026-13-01');
  });
});

describe('times on a date', () => {
  const night = at('n', '2026-12-01T18:00', '2026-12-02T04:00');

  it('reads a night shoot as starting on its first day and ending the next', () => {
    expect(timesOnDate(night, '2026-12-01')).toEqual({
      part: 'start',
      start: '18:00',
      end: '04:00',
      endDayOffset: 1,
    });
    expect(timesOnDate(night, '2026-12-02')).toMatchObject({ part: 'end', end: '04:00' });
  });

  it('marks the days between the first and the last of a long event', () => {
    const long = at('l', '2026-12-01T09:00', '2026-12-03T12:00');
    expect(timesOnDate(long, '2026-12-02')).toMatchObject({ part: 'middle', endDayOffset: 2 });
  });

  it('has no times for an all-day event', () => {
    expect(timesOnDate(at('a', '2026-12-01', '2026-12-02', true), '2026-12-01')).toBeNull();
  });
});

describe('crew call', () => {
  const week = ['2026-11-30', '2026-12-01', '2026-12-02'];

  it('is the earliest start time of day among events starting in the dates', () => {
    const events = [
      at('late', '2026-12-01T09:30', '2026-12-01T18:00'),
      at('early', '2026-12-02T06:15', '2026-12-02T12:00'),
      at('outside', '2026-12-05T04:00', '2026-12-05T12:00'),
      at('all day', '2026-12-01', '2026-12-02', true),
    ];
    expect(crewCall(events, week)).toBe('06:15');
  });

  it('ignores the after-midnight end of a night shoot that started the week before', () => {
    expect(crewCall([at('n', '2026-11-29T20:00', '2026-11-30T03:00')], week)).toBe(
      DEFAULT_CREW_CALL,
    );
  });

  it('is 07:00 for an empty week', () => {
    expect(crewCall([], week)).toBe('07:00');
  });
});
