import { EIGHTHS_PER_PAGE, formatEighths } from './page-eighths.js';
import { DEFAULT_UNIT } from './shoot-day.js';
import type { BoardDay, DayTotals } from './stripboard.js';

/**
 * How a shoot day is named and summed up wherever it is shown (calendar views, day breaks):
 * one wording, from the numbers `readBoard` derives, never stored.
 */

/**
 * `Day 12 of 40`; a day of another unit names it, `2nd Unit Day 3 of 6`, since each unit
 * counts its own days. `short` is `Day 12`, for where the unit shows already or space is short.
 */
export function dayNumberLabel(
  day: Pick<BoardDay, 'number' | 'of' | 'unit'>,
  form: 'full' | 'short' = 'full',
): string {
  if (form === 'short') return `Day ${day.number}`;
  const unit = day.unit === DEFAULT_UNIT ? '' : `${day.unit} `;
  return `${unit}Day ${day.number} of ${day.of}`;
}

/** `4 3/8 pages`, `1 page`, `7/8 page`, `0 pages`: a page or less is singular. */
export function pagesLabel(eighths: number): string {
  const singular = eighths > 0 && eighths <= EIGHTHS_PER_PAGE;
  return `${formatEighths(eighths)} ${singular ? 'page' : 'pages'}`;
}

/** `4 3/8 pages, 5 scenes`: pages first, as a schedule reads a day. */
export function dayTotalsLabel(totals: Pick<DayTotals, 'eighths' | 'scenes'>): string {
  return `${pagesLabel(totals.eighths)}, ${totals.scenes} ${totals.scenes === 1 ? 'scene' : 'scenes'}`;
}
