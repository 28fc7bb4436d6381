/**
 * Whether `name` is an IANA time zone this runtime knows ("Europe/London", "UTC").
 * Offsets such as "+02:00" are refused: a schedule follows a place through DST changes.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zones a person can pick: this runtime's IANA names with UTC first, since
 * `Intl.supportedValuesOf` lists only zones of places.
 */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((name) => name !== 'UTC')];
}

const searchable = (text: string) => text.toLowerCase().replace(/[_/]+/g, ' ').trim();

/**
 * The names that hold every word typed, ignoring case, `_` and `/` ("new york" finds
 * America/New_York), those whose place starts with the query first.
 */
export function matchTimeZones(names: readonly string[], query: string): string[] {
  const wanted = searchable(query);
  if (!wanted) return [...names];
  const words = wanted.split(/\s+/);
  const place = (name: string) => searchable(name.slice(name.lastIndexOf('/') + 1));
  return names
    .filter((name) => words.every((word) => searchable(name).includes(word)))
    .map((name, index) => ({ name, index, first: place(name).startsWith(wanted) ? 0 : 1 }))
    .sort((a, b) => a.first - b.first || a.index - b.index)
    .map(({ name }) => name);
}
