import type * as Y from 'yjs';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { addDays } from './local-time.js';
import { renumberedOrderKeys } from './order-key.js';
import { readSettings, workingDates } from './schedule-settings.js';
import { createShootDay, DEFAULT_UNIT } from './shoot-day.js';
import type { Strip, StripPlacement } from './strip-document.js';
import { readBoard } from './stripboard.js';
import { writePlacements } from './strip-placement.js';

/**
 * "Insert day breaks by pages", as Movie Magic Scheduling and StudioBinder do it: the strips
 * are taken in their current board order and cut into days of at most N eighths.
 */

/**
 * Cuts strips, in order, into days of at most `eighthsPerDay` eighths. A new day starts before
 * a strip with pages when the day already has pages and the strip would take it past N. So a
 * strip longer than N gets a day of its own, and strips without pages (banners: a meal, a
 * company move) stay on the day of the strip before them.
 */
export function planDayBreaks<T extends Pick<Strip, 'eighths'>>(
  strips: readonly T[],
  eighthsPerDay: number,
): T[][] {
  const days: T[][] = [];
  let day: T[] | undefined;
  let eighths = 0;
  for (const strip of strips) {
    if (!day || (strip.eighths > 0 && eighths > 0 && eighths + strip.eighths > eighthsPerDay)) {
      day = [];
      days.push(day);
      eighths = 0;
    }
    day.push(strip);
    eighths += strip.eighths;
  }
  return days;
}

export interface DayBreakOptions {
  /** N: the most eighths a day may hold (a longer strip still gets a day of its own). */
  eighthsPerDay: number;
  /** The unit whose days are filled; the main unit when omitted. */
  unit?: string;
  /** Also schedule the pool's strips, after the unit's, in pool order. */
  includePool?: boolean;
  /** The first date when the unit has no shoot day yet (on or after it, on a working day). */
  startDate?: string;
}

export interface DayBreakResult {
  /** The days that hold strips now, in date order. */
  dayIds: string[];
  /** The days created for them, after the unit's last day. */
  createdDayIds: string[];
}

/**
 * Fills one unit's days in board order, in one transaction: its strips (and, with
 * `includePool`, the pool's after them) are cut by `planDayBreaks`, and the k-th group goes to
 * the unit's k-th day in date order. When more days are needed, new shoot days are created on
 * the working days (settings) after the unit's last day, or from `startDate` when it has none.
 * Days left over stay, empty: they may carry calls and notes, so deleting one is the user's
 * choice. Other units' days are untouched. Each day's strips get fresh order keys.
 */
export function insertDayBreaksByPages(doc: Y.Doc, options: DayBreakOptions): DayBreakResult {
  const { eighthsPerDay, unit = DEFAULT_UNIT, includePool = false } = options;
  if (
    !Number.isInteger(eighthsPerDay) ||
    eighthsPerDay < 1 ||
    eighthsPerDay > DOCUMENT_LIMITS.stripEighths
  )
    throw new RangeError(`Eighths per day must be a whole number from 1: ${eighthsPerDay}`);
  const board = readBoard(doc);
  const days = board.units.find((each) => each.unit === unit)?.days ?? [];
  const strips = [...days.flatMap((day) => day.strips), ...(includePool ? board.pool.strips : [])];
  const groups = planDayBreaks(strips, eighthsPerDay);
  const missing = groups.length - days.length;
  const last = days.at(-1);
  const from = last ? addDays(last.date, 1) : options.startDate;
  if (missing > 0 && !from) throw new Error(`The ${unit} unit has no shoot day: give a start date`);
  const dates = missing > 0 ? workingDates(from!, missing, readSettings(doc).workingDays) : [];
  const result: DayBreakResult = { dayIds: [], createdDayIds: [] };
  doc.transact(() => {
    for (const date of dates) result.createdDayIds.push(createShootDay(doc, { date, unit }));
    const dayIds = [...days.map((day) => day.id), ...result.createdDayIds];
    const placements = new Map<string, StripPlacement>();
    groups.forEach((group, i) => {
      const dayId = dayIds[i]!;
      const keys = renumberedOrderKeys(group.length);
      group.forEach((strip, j) => placements.set(strip.id, { dayId, order: keys[j]! }));
      result.dayIds.push(dayId);
    });
    writePlacements(doc, placements);
  });
  return result;
}
