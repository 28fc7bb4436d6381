import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { z } from 'zod';
import { DOCUMENT_LIMITS } from './document-limits.js';

/**
 * Order keys of strips within a day: fractional-indexing strings (base 62, `a0`, `a0V`), which
 * sort by code-unit comparison (`compareCodeUnits`), so a key can be made between any two without renumbering
 * the others.
 */

/** Halvings of the gap before keys are made: two clients share a sub-gap 1 in 65,536 times. */
const JITTER_STEPS = 16;

/** Whether `key` is an order key the package accepts (what the relay also checks). */
export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > DOCUMENT_LIMITS.stripOrderLength)
    return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * `n` increasing keys strictly between `before` and `after` (null: the start or the end), or
 * null when the bounds are not valid keys in increasing order or the keys would grow past the
 * limit; the caller then renumbers the list. The gap is first narrowed by random halvings, so
 * two clients dropping strips into the same gap at once get different keys and their strips
 * do not interleave (plain fractional indexing would give both the same keys).
 */
export function orderKeysBetween(
  before: string | null,
  after: string | null,
  n: number,
  random: () => number = Math.random,
): string[] | null {
  if (before !== null && !isOrderKey(before)) return null;
  if (after !== null && !isOrderKey(after)) return null;
  if (before !== null && after !== null && before >= after) return null;
  let low = before;
  let high = after;
  try {
    for (let step = 0; step < JITTER_STEPS; step += 1) {
      const middle = generateKeyBetween(low, high);
      if (random() < 0.5) low = middle;
      else high = middle;
    }
    const keys = generateNKeysBetween(low, high, n);
    return keys.every((key) => key.length <= DOCUMENT_LIMITS.stripOrderLength) ? keys : null;
  } catch {
    // Past the largest or smallest key the package can make: renumbering starts again at a0.
    return null;
  }
}

export const OrderKeySchema = z.string().refine(isOrderKey, 'must be a fractional-indexing key');

/** Fresh, evenly spaced keys for a whole list, when its keys tie or are invalid. */
export function renumberedOrderKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}
