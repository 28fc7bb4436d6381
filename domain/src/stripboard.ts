import type * as Y from 'yjs';
import { compareCodeUnits } from './document-fields.js';
import { DEFAULT_UNIT, readShootDays, type ShootDay } from './shoot-day.js';
import { POOL_DAY_ID, readStrips, type Strip } from './strip-document.js';

/**
 * The stripboard every client computes from the same document: each unit's shoot days in date
 * order with their strips, and the unscheduled pool. A strip shows on the day its `dayId`
 * names; one naming no shoot day (the pool's '', or a day deleted while it moved there) shows
 * in the pool. Within a day strips sort by (`order`, id), so two strips given the same key by
 * two clients still have one order everywhere.
 */

export interface DayTotals {
  /** Eighths of a page of the scenes. */
  eighths: number;
  /** Estimated minutes of every strip, banners (a meal, a move) included. */
  estMinutes: number;
  /** Scenes, banners excluded. */
  scenes: number;
}

export interface BoardList {
  strips: Strip[];
  totals: DayTotals;
}

export interface BoardDay extends ShootDay, BoardList {
  /** The day's place in its unit's date order, from 1: "Day `number` of `of`". */
  number: number;
  /** Shoot days of the unit. */
  of: number;
}

export interface BoardUnit {
  unit: string;
  days: BoardDay[];
}

export interface Board {
  /** The main unit first, then the others by name. */
  units: BoardUnit[];
  /** The unscheduled strips (the boneyard). */
  pool: BoardList;
}

export function compareStrips(a: Strip, b: Strip): number {
  return compareCodeUnits(a.order, b.order) || compareCodeUnits(a.id, b.id);
}

export function dayTotals(strips: readonly Strip[]): DayTotals {
  const totals: DayTotals = { eighths: 0, estMinutes: 0, scenes: 0 };
  for (const strip of strips) {
    totals.estMinutes += strip.estMinutes;
    if (strip.kind !== 'scene') continue;
    totals.eighths += strip.eighths;
    totals.scenes += 1;
  }
  return totals;
}

function compareUnits(a: string, b: string): number {
  if (a === b) return 0;
  if (a === DEFAULT_UNIT) return -1;
  if (b === DEFAULT_UNIT) return 1;
  return compareCodeUnits(a, b);
}

function listOf(strips: Strip[]): BoardList {
  strips.sort(compareStrips);
  return { strips, totals: dayTotals(strips) };
}

/** The board from plain days (in `readShootDays` order) and strips. */
export function buildBoard(days: readonly ShootDay[], strips: readonly Strip[]): Board {
  const byDay = new Map<string, Strip[]>(days.map((day) => [day.id, []]));
  const pool: Strip[] = [];
  for (const strip of strips) {
    const list = strip.dayId === POOL_DAY_ID ? undefined : byDay.get(strip.dayId);
    (list ?? pool).push(strip);
  }
  const units = new Map<string, ShootDay[]>();
  for (const day of days) {
    const unitDays = units.get(day.unit);
    if (unitDays) unitDays.push(day);
    else units.set(day.unit, [day]);
  }
  return {
    units: [...units.entries()]
      .sort(([a], [b]) => compareUnits(a, b))
      .map(([unit, unitDays]) => ({
        unit,
        days: unitDays.map((day, index) => ({
          ...day,
          ...listOf(byDay.get(day.id)!),
          number: index + 1,
          of: unitDays.length,
        })),
      })),
    pool: listOf(pool),
  };
}

export function readBoard(doc: Y.Doc): Board {
  return buildBoard(readShootDays(doc), readStrips(doc));
}

/** Every shoot day of the board, unit by unit. */
export function boardDays(board: Board): BoardDay[] {
  return board.units.flatMap((unit) => unit.days);
}

/** Every shoot day of the board by its id (the id of its event). */
export function boardDaysById(board: Board): Map<string, BoardDay> {
  return new Map(boardDays(board).map((day) => [day.id, day]));
}

/** The strips shown on a day (or, for `POOL_DAY_ID`, in the pool); undefined for no such day. */
export function stripsAt(board: Board, dayId: string): Strip[] | undefined {
  if (dayId === POOL_DAY_ID) return board.pool.strips;
  for (const unit of board.units) {
    const day = unit.days.find((each) => each.id === dayId);
    if (day) return day.strips;
  }
  return undefined;
}
