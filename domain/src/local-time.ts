/**
 * Local date-times of a calendar, as stored in the document: `YYYY-MM-DD` for all-day
 * values and `YYYY-MM-DDTHH:mm` otherwise, always in the calendar's own time zone.
 * Arithmetic works on the calendar's wall clock, never on the viewer's.
 */

export const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LOCAL_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && isRealDate(value.slice(0, 10));
}

export function isLocalDateTime(value: string): boolean {
  return LOCAL_DATE_TIME.test(value) && isRealDate(value.slice(0, 10));
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

/** Minutes since 1970-01-01T00:00 of a wall-clock value, for ordering and durations. */
export function toWallMinutes(value: string): number {
  const [date, time = '00:00'] = value.split('T') as [string, string | undefined];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) / 60_000;
}

export function fromWallMinutes(minutes: number, allDay: boolean): string {
  const iso = new Date(minutes * 60_000).toISOString();
  return allDay ? iso.slice(0, 10) : iso.slice(0, 16);
}

/** The date part of a local value. */
export function dateOf(value: string): string {
  return value.slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromWallMinutes(toWallMinutes(dateOf(date)) + days * 1440, true);
}

/**
 * The same day of the month `months` later, clamped to the month's last day
 * (31 January + 1 month is 28 or 29 February), as calendar navigation expects.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = dateOf(date).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addMinutes(value: string, minutes: number): string {
  return fromWallMinutes(toWallMinutes(value) + minutes, false);
}

/** Day of week, Monday = 0, as crews plan weeks. */
export function weekdayIndex(date: string): number {
  const day = new Date(toWallMinutes(date) * 60_000).getUTCDay();
  return (day + 6) % 7;
}

/** The Monday on or before `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The weeks (Monday first) covering the month of `date`: 4 to 6 rows of 7 dates. */
export function monthGrid(date: string): string[][] {
  const first = `${date.slice(0, 7)}-01`;
  const month = date.slice(0, 7);
  const weeks: string[][] = [];
  let cursor = startOfWeek(first);
  do {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(cursor, i)));
    cursor = addDays(cursor, 7);
  } while (cursor.slice(0, 7) === month);
  return weeks;
}

/** The current wall-clock date-time in a time zone, e.g. to default a new event. */
export function nowInTimeZone(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The zone's UTC offset in minutes at an instant (positive east of Greenwich). */
export function utcOffsetMinutes(timeZone: string, at: Date = new Date()): number {
  const wall = toWallMinutes(nowInTimeZone(timeZone, at));
  return Math.round(wall - Math.floor(at.getTime() / 60_000));
}
