import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../src/document-limits.js';
import { compareCodeUnits } from '../src/document-fields.js';
import { isOrderKey, orderKeysBetween, renumberedOrderKeys } from '../src/order-key.js';
import { seededRandom } from '../src/seeded-random.js';

const sorted = (keys: readonly string[]) => [...keys].sort(compareCodeUnits);

describe('order keys', () => {
  it('makes increasing keys strictly between the bounds', () => {
    const random = seededRandom(1);
    for (const [before, after] of [
      [null, null],
      ['a0', null],
      [null, 'a0'],
      ['a0', 'a1'],
      ['a0V', 'a0W'],
    ] as const) {
      const keys = orderKeysBetween(before, after, 5, random)!;
      expect(keys).toHaveLength(5);
      expect(sorted(keys)).toEqual(keys);
      expect(new Set(keys).size).toBe(5);
      for (const key of keys) {
        expect(isOrderKey(key)).toBe(true);
        if (before) expect(key > before).toBe(true);
        if (after) expect(key < after).toBe(true);
      }
    }
  });

  it('gives two clients dropping into the same gap keys that do not interleave', () => {
    const a = orderKeysBetween('a0', 'a1', 3, seededRandom(1))!;
    const b = orderKeysBetween('a0', 'a1', 3, seededRandom(2))!;
    const merged = sorted([...a, ...b]);
    const joined = merged.map((key) => (a.includes(key) ? 'a' : 'b')).join('');
    expect(['aaabbb', 'bbbaaa']).toContain(joined);
  });

  it('returns null for bounds that tie, run backwards or are not keys', () => {
    expect(orderKeysBetween('a1', 'a1', 1)).toBeNull();
    expect(orderKeysBetween('a2', 'a1', 1)).toBeNull();
    expect(orderKeysBetween('', null, 1)).toBeNull();
    expect(orderKeysBetween('a00', null, 1)).toBeNull();
    expect(orderKeysBetween(null, 'not a key!', 1)).toBeNull();
  });

  it('returns null rather than a key past the length limit', () => {
    const long = `a0${'V'.repeat(DOCUMENT_LIMITS.stripOrderLength - 3)}`;
    expect(isOrderKey(long)).toBe(true);
    expect(orderKeysBetween(long, `${long}1`, 1)).toBeNull();
  });

  it('accepts only keys the package can build on, within the length limit', () => {
    expect(isOrderKey('a0')).toBe(true);
    expect(isOrderKey('Zz')).toBe(true);
    expect(isOrderKey('a0V')).toBe(true);
    expect(isOrderKey('a00')).toBe(false);
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey(7)).toBe(false);
    expect(isOrderKey(`a0${'V'.repeat(DOCUMENT_LIMITS.stripOrderLength)}`)).toBe(false);
  });

  it('renumbers a list with evenly spaced keys', () => {
    const keys = renumberedOrderKeys(4);
    expect(keys).toEqual(['a0', 'a1', 'a2', 'a3']);
  });
});
