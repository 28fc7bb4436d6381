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
