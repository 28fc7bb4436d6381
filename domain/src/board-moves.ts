import { POOL_DAY_ID, type Strip } from './strip-document.js';
import type { StripTarget } from './strip-placement.js';
import { boardDays, stripsAt, type Board } from './stripboard.js';

/**
 * Where a move on the stripboard puts strips: a drop before a strip, one place up or down, the
 * next or previous day. Each target is an index among the strips that stay in the full list
 * (as `moveStrips` takes it), never among those shown, so strips a filter hides keep their
 * places and their order among themselves.
 */

export interface BoardListRef {
  /** A shoot day's id, or `POOL_DAY_ID` for the pool. */
  dayId: string;
  strips: readonly Strip[];
}

/** Every list of the board in reading order: each unit's days in date order, then the pool. */
export function boardLists(board: Board): BoardListRef[] {
  return [
    ...boardDays(board).map((day) => ({ dayId: day.id, strips: day.strips })),
    { dayId: POOL_DAY_ID, strips: board.pool.strips },
  ];
}

/** The ids in board reading order; ids of strips not on the board are left out. */
export function inBoardOrder(board: Board, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return boardLists(board).flatMap((list) =>
    list.strips.filter((strip) => wanted.has(strip.id)).map((strip) => strip.id),
  );
}

export interface StripPosition {
  dayId: string;
  /** From 0, in the full list. */
  index: number;
  /** Strips in the list. */
  count: number;
}

export function stripPosition(board: Board, id: string): StripPosition | undefined {
  for (const list of boardLists(board)) {
    const index = list.strips.findIndex((strip) => strip.id === id);
    if (index >= 0) return { dayId: list.dayId, index, count: list.strips.length };
  }
  return undefined;
}

/** The strips of a list that do not move. */
function staying(strips: readonly Strip[], moving: ReadonlySet<string>): Strip[] {
  return strips.filter((strip) => !moving.has(strip.id));
}

/**
 * Puts `ids` just before the strip `beforeId` of a list, or with null after its last strip.
 * A `beforeId` that is moving itself, or no longer in the list, means the end.
 */
export function dropTarget(
  board: Board,
  ids: readonly string[],
  dayId: string,
  beforeId: string | null,
): StripTarget {
  const list = stripsAt(board, dayId) ?? [];
  const stay = staying(list, new Set(ids));
  const index = beforeId === null ? -1 : stay.findIndex((strip) => strip.id === beforeId);
  return { dayId, index: index < 0 ? stay.length : index };
}

export type StepDirection = 'up' | 'down';

/**
 * One place up or down among the strips that show (`shows`), within the list of the first
 * moving strip in board order: before the nearest shown strip above it, or after the nearest
 * shown strip below it. Strips moving together gather there. Null at the top or bottom.
 */
export function stepTarget(
  board: Board,
  ids: readonly string[],
  shows: (strip: Strip) => boolean,
  direction: StepDirection,
): StripTarget | null {
  const [first] = inBoardOrder(board, ids);
  const at = first === undefined ? undefined : stripPosition(board, first);
  if (!at) return null;
  const moving = new Set(ids);
  const list = stripsAt(board, at.dayId)!;
  const passable = (strip: Strip) => !moving.has(strip.id) && shows(strip);
  const neighbour =
    direction === 'up'
      ? list.slice(0, at.index).findLast(passable)
      : list.slice(at.index + 1).find(passable);
  if (!neighbour) return null;
  const index = staying(list, moving).findIndex((strip) => strip.id === neighbour.id);
  return { dayId: at.dayId, index: direction === 'up' ? index : index + 1 };
}

/**
 * To the next list in reading order (its start, just past the day break) or the previous one
 * (its end); the pool comes after the last day. Null past the first or last list.
 */
export function dayStepTarget(
  board: Board,
  ids: readonly string[],
  direction: StepDirection,
): StripTarget | null {
  const [first] = inBoardOrder(board, ids);
  const at = first === undefined ? undefined : stripPosition(board, first);
  if (!at) return null;
  const lists = boardLists(board);
  const from = lists.findIndex((list) => list.dayId === at.dayId);
  const to = lists[from + (direction === 'up' ? -1 : 1)];
  if (!to) return null;
  return direction === 'up' ? { dayId: to.dayId } : { dayId: to.dayId, index: 0 };
}
