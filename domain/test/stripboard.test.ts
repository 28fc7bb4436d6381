import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteEvent } from '../src/calendar-document.js';
import { createShootDay } from '../src/shoot-day.js';
import { createStrip } from '../src/strip-document.js';
import { boardDays, dayTotals, readBoard, stripsAt } from '../src/stripboard.js';
import { dinerScene, sceneOf } from './support/strip.fixture.js';

/** Days of two units, created out of date order. */
function twoUnits(): Y.Doc {
  const doc = new Y.Doc();
  createShootDay(doc, { date: '2026-12-09' }, 'main-3');
  createShootDay(doc, { date: '2026-12-08', unit: '2nd Unit' }, 'second-1');
  createShootDay(doc, { date: '2026-12-07' }, 'main-1');
  createShootDay(doc, { date: '2026-12-10', unit: '2nd Unit' }, 'second-2');
  createShootDay(doc, { date: '2026-12-08' }, 'main-2');
  createShootDay(doc, { date: '2026-12-06', unit: 'Aerial' }, 'aerial-1');
  return doc;
}

describe('the stripboard', () => {
  it('numbers days by date within each unit, the main unit first', () => {
    const board = readBoard(twoUnits());
    expect(
      board.units.map((unit) => ({
        unit: unit.unit,
        days: unit.days.map((day) => `${day.id}: Day ${day.number} of ${day.of}, ${day.date}`),
      })),
    ).toEqual([
      {
        unit: 'Main',
        days: [
          'main-1: Day 1 of 3, 2026-12-07',
          'main-2: Day 2 of 3, 2026-12-08',
          'main-3: Day 3 of 3, 2026-12-09',
        ],
      },
      {
        unit: '2nd Unit',
        days: ['second-1: Day 1 of 2, 2026-12-08', 'second-2: Day 2 of 2, 2026-12-10'],
      },
      { unit: 'Aerial', days: ['aerial-1: Day 1 of 1, 2026-12-06'] },
    ]);
  });

  it('renumbers the later days when a day moves to an earlier date or is deleted', () => {
    const doc = twoUnits();
    deleteEvent(doc, 'main-1');
    const numbers = boardDays(readBoard(doc)).map((day) => [day.id, day.number, day.of]);
    expect(numbers.slice(0, 2)).toEqual([
      ['main-2', 1, 2],
      ['main-3', 2, 2],
    ]);
  });

  it('totals pages, minutes and scenes of a day, banners counting only for time', () => {
    const doc = twoUnits();
    createStrip(doc, sceneOf('1', 11), { dayId: 'main-1', order: 'a0' });
    createStrip(doc, sceneOf('2', 24), { dayId: 'main-1', order: 'a1' });
    createStrip(
      doc,
      { kind: 'banner', text: 'Lunch', estMinutes: 60 },
      { dayId: 'main-1', order: 'a2' },
    );
    const day = readBoard(doc).units[0]!.days[0]!;
    expect(day.totals).toEqual({ eighths: 35, estMinutes: 240, scenes: 2 });
    expect(dayTotals([])).toEqual({ eighths: 0, estMinutes: 0, scenes: 0 });
  });

  it('sorts a day by order key and breaks ties by id, so every client has one order', () => {
    const doc = twoUnits();
    createStrip(doc, dinerScene, { dayId: 'main-1', order: 'a1' }, 'late');
    createStrip(doc, dinerScene, { dayId: 'main-1', order: 'a0' }, 'zz');
    createStrip(doc, dinerScene, { dayId: 'main-1', order: 'a0' }, 'aa');
    expect(stripsAt(readBoard(doc), 'main-1')!.map((strip) => strip.id)).toEqual([
      'aa',
      'zz',
      'late',
    ]);
  });

  it('shows in the pool a strip whose day is gone or is not a shoot day', () => {
    const doc = twoUnits();
    createStrip(doc, dinerScene, { dayId: '', order: 'a1' }, 'pooled');
    createStrip(doc, dinerScene, { dayId: 'main-1', order: 'a0' }, 'orphan');
    createStrip(doc, dinerScene, { dayId: 'no-such-day', order: 'a2' }, 'lost');
    deleteEvent(doc, 'main-1');
    const board = readBoard(doc);
    expect(board.pool.strips.map((strip) => strip.id)).toEqual(['orphan', 'pooled', 'lost']);
    expect(board.pool.totals.scenes).toBe(3);
    expect(stripsAt(board, 'main-1')).toBeUndefined();
  });
});
