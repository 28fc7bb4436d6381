/**
 * Dates as people read them, in the browser's language; the wall-clock date is formatted as UTC
 * so no zone shifts it. One formatter per style: making one per call (as toLocaleDateString
 * does) cost a month view a third of a millisecond per cell.
 */
const at = (date: string) => new Date(`${date}T12:00:00Z`);

const LONG = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONTH = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const SHORT_DAY = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Sunday, January 10, 2027". */
export function longDate(date: string): string {
  return LONG.format(at(date));
}

/** "January 2027". */
export function monthLabel(date: string): string {
  return MONTH.format(at(date));
}

/** "Mon 4". */
export function shortDay(date: string): string {
  return SHORT_DAY.format(at(date));
}
