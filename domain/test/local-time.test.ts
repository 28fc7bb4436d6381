import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  addMonths,
  isLocalDate,
  isLocalDateTime,
  monthGrid,
  nowInTimeZone,
  startOfWeek,
  utcOffsetMinutes,
} from '../src/local-time.js';
import { datesCovered, eventsByDate, layoutDay, moveToDate } from '../src/calendar-views.js';

describe('local time', () => {
  it('validates the two stored formats, including impossible dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDateTime('2028-02-29T23:59')).toBe(true);
    expect(isLocalDateTime('2026-12-01T24:00')).toBe(false);
    expect(isLocalDateTime('2026-12-01')).toBe(false);
  });

  it('does wall-clock arithmetic across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMinutes('2026-12-31T23:30', 45)).toBe('2027-01-01T00:15');
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
  });

  it('steps whole months across year ends, clamping to the month end', () => {
    expect(addMonths('2027-01-01', -1)).toBe('2026-12-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2027-03-01', -1)).toBe('2027-02-01');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', -1)).toBe('2026-04-30');
    expect(addMonths('2026-06-15', -18)).toBe('2024-12-15');
    expect(addMonths('2026-06-15T08:00', 0)).toBe('2026-06-15');
  });

  it('lays out a month as Monday-first weeks', () => {
    const grid = monthGrid('2026-11-15');
    expect(grid[0]![0]).toBe('2026-10-26');
    expect(grid.at(-1)!.at(-1)).toBe('2026-12-06');
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  it('reads the wall clock of another zone', () => {
    const instant = new Date('2026-07-01T12:00:00Z');
    expect(nowInTimeZone('Europe/London', instant)).toBe('2026-07-01T13:00');
    expect(utcOffsetMinutes('America/Los_Angeles', instant)).toBe(-420);
  });
});

describe('calendar views', () => {
  const overnight = { start: '2026-12-01T18:00', end: '2026-12-02T02:00', allDay: false };

  it('counts the dates an event covers with an exclusive end', () => {
    expect(datesCovered(overnight)).toEqual(['2026-12-01', '2026-12-02']);
    expect(datesCovered({ start: '2026-12-01', end: '2026-12-03', allDay: true })).toEqual([
      '2026-12-01',
      '2026-12-02',
    ]);
    expect(
      datesCovered({ start: '2026-12-01T18:00', end: '2026-12-02T00:00', allDay: false }),
    ).toEqual(['2026-12-01']);
  });

  it('buckets events by date', () => {
    const event = {
      id: 'e',
      title: 'Night',
      kind: 'shoot' as const,
      location: '',
      notes: '',
      ...overnight,
    };
    const byDate = eventsByDate([event]);
    expect([...byDate.keys()]).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('moves an event to another day keeping its times', () => {
    expect(moveToDate(overnight, '2026-12-10')).toEqual({
      start: '2026-12-10T18:00',
      end: '2026-12-11T02:00',
    });
    expect(moveToDate({ start: '2026-12-01', end: '2026-12-02' }, '2026-11-30')).toEqual({
      start: '2026-11-30',
      end: '2026-12-01',
    });
  });
});

describe('week view layout', () => {
  const at = (id: string, start: string, end: string) => ({
    id,
    title: id,
    kind: 'shoot' as const,
    location: '',
    notes: '',
    allDay: false,
    start,
    end,
  });

  it('puts overlapping events side by side and lone ones full width', () => {
    const placed = layoutDay(
      [
        at('a', '2026-12-01T09:00', '2026-12-01T11:00'),
        at('b', '2026-12-01T10:00', '2026-12-01T12:00'),
        at('c', '2026-12-01T13:00', '2026-12-01T14:00'),
      ],
      '2026-12-01',
    );
    const byId = Object.fromEntries(placed.map((p) => [p.event.id, p]));
    expect(byId.a).toMatchObject({ top: 540, bottom: 660, lane: 0, lanes: 2 });
    expect(byId.b).toMatchObject({ lane: 1, lanes: 2 });
    expect(byId.c).toMatchObject({ lane: 0, lanes: 1 });
  });

  it('clips an overnight event to each day', () => {
    const overnight = at('n', '2026-12-01T22:00', '2026-12-02T02:00');
    expect(layoutDay([overnight], '2026-12-01')[0]).toMatchObject({ top: 1320, bottom: 1440 });
    expect(layoutDay([overnight], '2026-12-02')[0]).toMatchObject({ top: 0, bottom: 120 });
  });
});
