import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardLists,
  dayStepTarget,
  dropTarget,
  inBoardOrder,
  stepTarget,
  stripPosition,
} from '../src/board-moves.js';
import { seededRandom } from '../src/seeded-random.js';
import { createShootDay } from '../src/shoot-day.js';
import { POOL_DAY_ID, type Strip } from '../src/strip-document.js';
import { readBoard, stripsAt } from '../src/stripboard.js';
import { insertStrip, moveStrips, type StripTarget } from '../src/strip-placement.js';
import { sceneOf } from './support/strip.fixture.js';

/** Main: d1 with a, b, c, d, e; d2 with f. 2nd Unit: u1 with g. Pool: p. */
function schedule(): Y.Doc {
  const doc = new Y.Doc();
  const random = seededRandom(3);
  createShootDay(doc, { date: '2026-12-07' }, 'd1');
  createShootDay(doc, { date: '2026-12-08' }, 'd2');
  createShootDay(doc, { date: '2026-12-07', unit: '2nd Unit' }, 'u1');
  const put = (dayId: string, ids: string[]) => {
    for (const id of ids) insertStrip(doc, sceneOf(id, 8), { dayId }, { id, random });
  };
  put('d1', ['a', 'b', 'c', 'd', 'e']);
  put('d2', ['f']);
  put('u1', ['g']);
  put(POOL_DAY_ID, ['p']);
  return doc;
}

function layout(doc: Y.Doc): Record<string, string[]> {
  return Object.fromEntries(
    boardLists(readBoard(doc)).map((list) => [
      list.dayId || 'pool',
      list.strips.map((strip) => strip.id),
    ]),
  );
}

const every = () => true;
/** A filter that hides `hidden`. */
const hiding =
  (...hidden: string[]) =>
  (strip: Strip) =>
    !hidden.includes(strip.id);

function move(doc: Y.Doc, ids: string[], target: StripTarget | null): void {
  expect(target).not.toBeNull();
  moveStrips(doc, ids, target!, { random: seededRandom(9) });
}

describe('board reading order', () => {
  it('lists each unit’s days in date order, then the pool', () => {
    expect(Object.keys(layout(schedule()))).toEqual(['d1', 'd2', 'u1', 'pool']);
  });

  it('sorts a selection in board order and leaves out strips that are gone', () => {
    const board = readBoard(schedule());
    expect(inBoardOrder(board, ['p', 'g', 'c', 'a', 'gone'])).toEqual(['a', 'c', 'g', 'p']);
    expect(stripPosition(board, 'c')).toEqual({ dayId: 'd1', index: 2, count: 5 });
    expect(stripPosition(board, 'gone')).toBeUndefined();
  });
});

describe('dropping strips', () => {
  it('puts them just before the strip dropped on, or at the end', () => {
    const doc = schedule();
    move(doc, ['a'], dropTarget(readBoard(doc), ['a'], 'd1', 'd'));
    expect(layout(doc).d1).toEqual(['b', 'c', 'a', 'd', 'e']);
    move(doc, ['f', 'p'], dropTarget(readBoard(doc), ['f', 'p'], 'd1', null));
    expect(layout(doc)).toMatchObject({ d1: ['b', 'c', 'a', 'd', 'e', 'f', 'p'], pool: [] });
  });

  it('treats a drop on a moving strip as the end of the list', () => {
    const board = readBoard(schedule());
    expect(dropTarget(board, ['a', 'b'], 'd1', 'b')).toEqual({ dayId: 'd1', index: 3 });
  });
});

describe('moving one place up or down', () => {
  it('swaps a strip with its neighbour and stops at either end of its day', () => {
    const doc = schedule();
    move(doc, ['c'], stepTarget(readBoard(doc), ['c'], every, 'up'));
    expect(layout(doc).d1).toEqual(['a', 'c', 'b', 'd', 'e']);
    move(doc, ['c'], stepTarget(readBoard(doc), ['c'], every, 'down'));
    move(doc, ['c'], stepTarget(readBoard(doc), ['c'], every, 'down'));
    expect(layout(doc).d1).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(stepTarget(readBoard(doc), ['a'], every, 'up')).toBeNull();
    expect(stepTarget(readBoard(doc), ['e'], every, 'down')).toBeNull();
  });

  it('moves a block of strips past the next strip, gathering them', () => {
    const doc = schedule();
    move(doc, ['b', 'd'], stepTarget(readBoard(doc), ['b', 'd'], every, 'down'));
    expect(layout(doc).d1).toEqual(['a', 'c', 'b', 'd', 'e']);
    move(doc, ['b', 'd'], stepTarget(readBoard(doc), ['b', 'd'], every, 'up'));
    expect(layout(doc).d1).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('passes the next shown strip while filtered, and hidden strips keep their order', () => {
    const doc = schedule();
    // b and c are hidden: d goes up past a shown strip (a), not past the hidden ones alone.
    const shows = hiding('b', 'c');
    move(doc, ['d'], stepTarget(readBoard(doc), ['d'], shows, 'up'));
    expect(layout(doc).d1).toEqual(['d', 'a', 'b', 'c', 'e']);
    move(doc, ['a'], stepTarget(readBoard(doc), ['a'], shows, 'down'));
    expect(layout(doc).d1).toEqual(['d', 'b', 'c', 'e', 'a']);
    const hidden = layout(doc).d1!.filter((id) => !shows({ id } as Strip));
    expect(hidden).toEqual(['b', 'c']);
    expect(stepTarget(readBoard(doc), ['d'], shows, 'up')).toBeNull();
  });
});

describe('moving to the next or previous day', () => {
  it('goes to the start of the next day and the end of the previous one, the pool last', () => {
    const doc = schedule();
    move(doc, ['e'], dayStepTarget(readBoard(doc), ['e'], 'down'));
    expect(layout(doc).d2).toEqual(['e', 'f']);
    move(doc, ['e'], dayStepTarget(readBoard(doc), ['e'], 'up'));
    expect(layout(doc).d1).toEqual(['a', 'b', 'c', 'd', 'e']);
    move(doc, ['g'], dayStepTarget(readBoard(doc), ['g'], 'down'));
    expect(layout(doc)).toMatchObject({ u1: [], pool: ['g', 'p'] });
    move(doc, ['p'], dayStepTarget(readBoard(doc), ['p'], 'up'));
    expect(layout(doc)).toMatchObject({ u1: ['p'], pool: ['g'] });
  });

  it('has nowhere to go before the first day or after the pool', () => {
    const board = readBoard(schedule());
    expect(dayStepTarget(board, ['a'], 'up')).toBeNull();
    expect(dayStepTarget(board, ['p'], 'down')).toBeNull();
    expect(dayStepTarget(board, ['gone'], 'down')).toBeNull();
  });

  it('takes strips from several days there together, in board order', () => {
    const doc = schedule();
    const board = readBoard(doc);
    const ids = inBoardOrder(board, ['p', 'b']);
    move(doc, ids, dayStepTarget(board, ids, 'down'));
    expect(stripsAt(readBoard(doc), 'd2')!.map((strip) => strip.id)).toEqual(['b', 'p', 'f']);
  });
});
