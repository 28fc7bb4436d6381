import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dayNumberLabel, dayTotalsLabel, pagesLabel } from '../src/board-day-labels.js';
import { createShootDay } from '../src/shoot-day.js';
import { createStrip } from '../src/strip-document.js';
import { boardDaysById, readBoard } from '../src/stripboard.js';
import { sceneOf } from './support/strip.fixture.js';

describe('board day labels', () => {
  it('names a main-unit day by its number of the unit’s days, another unit’s day with its unit after', () => {
    expect(dayNumberLabel({ number: 12, of: 40, unit: 'Main' })).toBe('Day 12 of 40');
    expect(dayNumberLabel({ number: 3, of: 6, unit: '2nd Unit' })).toBe('Day 3 of 6 (2nd Unit)');
    expect(dayNumberLabel({ number: 3, of: 6, unit: '2nd Unit' }, 'short')).toBe('Day 3');
  });

  it.each([
    [0, '0 pages'],
    [1, '1/8 page'],
    [7, '7/8 page'],
    [8, '1 page'],
    [9, '1 1/8 pages'],
    [35, '4 3/8 pages'],
    [96, '12 pages'],
  ])('reads %i eighths as %j', (eighths, label) => {
    expect(pagesLabel(eighths)).toBe(label);
  });

  it('sums a day up as pages, then scenes', () => {
    expect(dayTotalsLabel({ eighths: 35, scenes: 5 })).toBe('4 3/8 pages, 5 scenes');
    expect(dayTotalsLabel({ eighths: 8, scenes: 1 })).toBe('1 page, 1 scene');
    expect(dayTotalsLabel({ eighths: 0, scenes: 0 })).toBe('0 pages, 0 scenes');
  });

  it('labels each day of a document from the board, renumbered when a day moves before it', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-08' }, 'tuesday');
    createShootDay(doc, { date: '2026-12-09', unit: '2nd Unit' }, 'second');
    createStrip(doc, sceneOf('1', 11), { dayId: 'tuesday', order: 'a0' });
    createStrip(doc, sceneOf('2', 24), { dayId: 'tuesday', order: 'a1' });
    const label = (id: string) => {
      const day = boardDaysById(readBoard(doc)).get(id)!;
      return `${dayNumberLabel(day)}: ${dayTotalsLabel(day.totals)}`;
    };
    expect(label('tuesday')).toBe('Day 1 of 1: 4 3/8 pages, 2 scenes');
    expect(label('second')).toBe('Day 1 of 1 (2nd Unit): 0 pages, 0 scenes');
    createShootDay(doc, { date: '2026-12-07' }, 'monday');
    expect(label('tuesday')).toBe('Day 2 of 2: 4 3/8 pages, 2 scenes');
    expect(boardDaysById(readBoard(doc)).has('no such day')).toBe(false);
  });
});
