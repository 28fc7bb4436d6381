import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertDayBreaksByPages, planDayBreaks } from '../src/day-breaks.js';
import { setWorkingDays } from '../src/schedule-settings.js';
import { createShootDay, updateShootDay } from '../src/shoot-day.js';
import { readBoard } from '../src/stripboard.js';
import { insertStrip } from '../src/strip-placement.js';
import { sceneOf } from './support/strip.fixture.js';

const strip = (id: string, eighths: number) => ({ id, eighths });
const plan = (eighths: number[], perDay: number) =>
  planDayBreaks(
    eighths.map((each, i) => strip(`${i}`, each)),
    perDay,
  ).map((day) => day.map((each) => each.eighths));

/** The board as `unit date: eighths of each strip`. */
function days(doc: Y.Doc): string[] {
  return readBoard(doc).units.flatMap((unit) =>
    unit.days.map(
      (day) => `${unit.unit} ${day.date}: ${day.strips.map((each) => each.eighths).join(' ')}`,
    ),
  );
}

describe('insert day breaks by pages', () => {
  it('fills each day up to N eighths in order', () => {
    expect(plan([8, 16, 8, 4, 4, 12, 8], 32)).toEqual([
      [8, 16, 8],
      [4, 4, 12, 8],
    ]);
    expect(plan([20, 20, 20], 40)).toEqual([[20, 20], [20]]);
    expect(plan([], 40)).toEqual([]);
  });

  it('gives a strip longer than N a day of its own', () => {
    expect(plan([8, 50, 8], 32)).toEqual([[8], [50], [8]]);
    expect(plan([50, 50], 32)).toEqual([[50], [50]]);
  });

  it('keeps strips without pages (banners) on the day of the strip before them', () => {
    expect(plan([16, 0, 16, 0, 8], 32)).toEqual([[16, 0, 16, 0], [8]]);
    expect(plan([0, 40, 0, 8], 32)).toEqual([[0, 40, 0], [8]]);
  });

  it("reuses the unit's days in date order, then adds working days after the last", () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-04', unit: 'Main' }, 'fri');
    createShootDay(doc, { date: '2026-12-03', unit: 'Main' }, 'thu');
    createShootDay(doc, { date: '2026-12-03', unit: '2nd Unit' }, 'second');
    insertStrip(doc, sceneOf('2', 24), { dayId: 'fri' });
    for (const [scene, eighths] of [
      ['1', 16],
      ['3', 24],
      ['4', 16],
    ] as const)
      insertStrip(doc, sceneOf(scene, eighths), { dayId: 'thu' });
    insertStrip(doc, sceneOf('x', 8), { dayId: 'second' });
    const result = insertDayBreaksByPages(doc, { eighthsPerDay: 32 });
    expect(days(doc)).toEqual([
      'Main 2026-12-03: 16',
      'Main 2026-12-04: 24',
      'Main 2026-12-07: 16',
      'Main 2026-12-08: 24',
      '2nd Unit 2026-12-03: 8',
    ]);
    expect(result.dayIds.slice(0, 2)).toEqual(['thu', 'fri']);
    expect(result.createdDayIds).toHaveLength(2);
    expect(readBoard(doc).units[0]!.days.map((day) => `Day ${day.number} of ${day.of}`)).toEqual([
      'Day 1 of 4',
      'Day 2 of 4',
      'Day 3 of 4',
      'Day 4 of 4',
    ]);
  });

  it('schedules the pool after the unit when asked, from a start date on working days', () => {
    const doc = new Y.Doc();
    setWorkingDays(doc, [0, 1, 2, 3, 4, 5]);
    for (const eighths of [30, 10, 20]) insertStrip(doc, sceneOf('p', eighths), { dayId: '' });
    expect(() => insertDayBreaksByPages(doc, { eighthsPerDay: 32, includePool: true })).toThrow(
      'give a start date',
    );
    insertDayBreaksByPages(doc, { eighthsPerDay: 32, includePool: true, startDate: '2026-12-05' });
    expect(days(doc)).toEqual(['Main 2026-12-05: 30', 'Main 2026-12-07: 10 20']);
    expect(readBoard(doc).pool.strips).toEqual([]);
  });

  it('leaves days it does not need empty, with their calls, and the pool alone by default', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-07' }, 'd1');
    createShootDay(doc, { date: '2026-12-08' }, 'd2');
    updateShootDay(doc, 'd2', { crewCall: '06:00' });
    insertStrip(doc, sceneOf('1', 8), { dayId: 'd2' });
    insertStrip(doc, sceneOf('2', 8), { dayId: 'd2' });
    insertStrip(doc, sceneOf('3', 8), { dayId: '' });
    insertDayBreaksByPages(doc, { eighthsPerDay: 40 });
    expect(days(doc)).toEqual(['Main 2026-12-07: 8 8', 'Main 2026-12-08: ']);
    expect(readBoard(doc).units[0]!.days[1]!.crewCall).toBe('06:00');
    expect(readBoard(doc).pool.strips).toHaveLength(1);
  });

  it('refuses a day length that is not a whole number of eighths from 1', () => {
    const doc = new Y.Doc();
    expect(() => insertDayBreaksByPages(doc, { eighthsPerDay: 0 })).toThrow(RangeError);
    expect(() => insertDayBreaksByPages(doc, { eighthsPerDay: 2.5 })).toThrow(RangeError);
  });
});
