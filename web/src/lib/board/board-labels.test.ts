import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createShootDay, readBoard } from '@callboard/domain';
import { formatMinutes, listName, moveChoices, shortDate, stripName } from './board-labels';

describe('how the board writes things', () => {
  test.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [330, '5 h 30 min'],
  ])('%i minutes as %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  test('dates as a call sheet writes them, whatever the zone', () => {
    expect(shortDate('2027-01-12')).toBe('Tue 12 Jan 2027');
    expect(shortDate('2027-01-12', false)).toBe('Tue 12 Jan');
  });

  test('names strips in sentences', () => {
    const base = { id: 's', dayId: '', order: '', cast: [] };
    expect(stripName({ ...base, kind: 'scene', scene: '14A' } as never)).toBe('Scene 14A');
    expect(stripName({ ...base, kind: 'scene', scene: '' } as never)).toBe(
      'Scene without a number',
    );
    expect(stripName({ ...base, kind: 'banner', text: 'Lunch' } as never)).toBe('Banner: Lunch');
  });

  test('lists every day by unit and number, then the pool, as moves may target them', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2027-01-12' }, 'd2');
    createShootDay(doc, { date: '2027-01-11' }, 'd1');
    createShootDay(doc, { date: '2027-01-11', unit: '2nd Unit' }, 'u1');
    const board = readBoard(doc);
    expect(moveChoices(board).map((choice) => choice.label)).toEqual([
      'Day 1 of 2, Mon 11 Jan 2027',
      'Day 2 of 2, Tue 12 Jan 2027',
      'Day 1 of 1 (2nd Unit), Mon 11 Jan 2027',
      'Unscheduled pool',
    ]);
    expect(listName(board, 'd2')).toBe('Day 2 of 2, Tue 12 Jan 2027');
    expect(listName(board, '')).toBe('the unscheduled pool');
    expect(listName(board, 'gone')).toBe('a deleted day');
  });
});
