import * as Y from 'yjs';
import { readText, writeText } from './event-text.js';

/**
 * Reading and writing the fields of one Y.Map of the document (an event, a strip, a cast
 * member). Readers are lenient: a value of the wrong type, from a buggy or newer client, reads
 * as a safe default instead of hiding the record. Writers touch only the keys that change, so
 * concurrent edits of other fields and keys from newer clients survive.
 */

/**
 * Code-unit order of two strings: the same on every client whatever its locale (unlike
 * `localeCompare`), and the order fractional-indexing keys are made for.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads every entry of a root map that is a Y.Map; `read` returns undefined to skip one. */
export function readEntries<T>(
  map: Y.Map<Y.Map<unknown>>,
  read: (id: string, entry: Y.Map<unknown>) => T | undefined,
): T[] {
  const entries: T[] = [];
  map.forEach((entry, id) => {
    // Typed as maps, but a buggy client may have stored anything.
    const value = (entry as unknown) instanceof Y.Map ? read(id, entry) : undefined;
    if (value !== undefined) entries.push(value);
  });
  return entries;
}

/** A string field, held as a string or (for text fields) a Y.Text; '' for anything else. */
export function readStringField(map: Y.Map<unknown>, key: string): string {
  return readText(map.get(key));
}

/** One of `values`, or `fallback` when the stored value is not one of them. */
export function readEnumField<T extends string>(
  map: Y.Map<unknown>,
  key: string,
  values: readonly T[],
  fallback: T,
): T {
  const value = map.get(key);
  return values.includes(value as T) ? (value as T) : fallback;
}

/** A whole number from `min` to `max`; `min` for anything else. */
export function readIntegerField(
  map: Y.Map<unknown>,
  key: string,
  min: number,
  max: number,
): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : min;
}

/**
 * Writes the fields of `patch` that `keys` lists, each only when its value changes. A text
 * field held as a Y.Text gets the smallest splice, so what others type in it meanwhile
 * survives. Call inside a transaction.
 */
export function writeFields(
  map: Y.Map<unknown>,
  patch: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  textFields: readonly string[] = [],
): void {
  for (const key of keys) {
    if (!(key in patch)) continue;
    const value = patch[key];
    const current = map.get(key);
    if (current instanceof Y.Text && textFields.includes(key)) writeText(current, value as string);
    else if (current !== value) map.set(key, value);
  }
}
