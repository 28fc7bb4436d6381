import { EIGHTHS_PER_PAGE, formatEighths } from './page-eighths.js';
import { DEFAULT_UNIT } from './shoot-day.js';
import type { BoardDay, DayTotals } from './stripboard.js';

/**
 * How a shoot day is named and summed up wherever it is shown (calendar views, day breaks):
 * one wording, from the numbers `readBoard` derives, never stored.
 */

/**
 * `Day 12 of 40`; a day of another unit names it, `Day 3 of 6 (2nd Unit)`, since each unit
 * counts its own days. `short` is `Day 12`, where space is short: the full label starts with
 * it, so a name read out holds the words shown.
 */
export function dayNumberLabel(
  day: Pick<BoardDay, 'number' | 'of' | 'unit'>,
  form: 'full' | 'short' = 'full',
): string {
  const short = `Day ${day.number}`;
  if (form === 'short') return short;
  const unit = day.unit === DEFAULT_UNIT ? '' : ` (${day.unit})`;
  return `${short} of ${day.of}${unit}`;
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
