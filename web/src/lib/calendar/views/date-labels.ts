/** Dates as people read them, in the browser's language; the wall-clock date is formatted as UTC so no zone shifts it. */
const at = (date: string) => new Date(`${date}T12:00:00Z`);

/** "Sunday, January 10, 2027". */
export function longDate(date: string): string {
  return at(date).toLocaleDateString(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "January 2027". */
export function monthLabel(date: string): string {
  return at(date).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "Mon 4". */
export function shortDay(date: string): string {
  return at(date).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
