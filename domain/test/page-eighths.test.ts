import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../src/document-limits.js';
import { formatEighths, parseEighths, sumEighths } from '../src/page-eighths.js';

describe('page eighths', () => {
  it.each([
    ['0', 0],
    ['7/8', 7],
    ['1 3/8', 11],
    ['12', 96],
    ['  2   1/8 ', 17],
    ['0 5/8', 5],
  ])('reads %j as %i eighths', (input, eighths) => {
    expect(parseEighths(input)).toEqual({ ok: true, eighths });
  });

  it.each([
    ['3/9', 'Write the fraction in eighths, like 3/8'],
    ['1 8/8', 'The fraction is 1/8 to 7/8; a whole page is written as a page'],
    ['0/8', 'The fraction is 1/8 to 7/8; a whole page is written as a page'],
    ['-1', 'Write pages and eighths, like 1 3/8, 7/8 or 12'],
    ['abc', 'Write pages and eighths, like 1 3/8, 7/8 or 12'],
    ['1.5', 'Write pages and eighths, like 1 3/8, 7/8 or 12'],
    ['', 'Write pages and eighths, like 1 3/8, 7/8 or 12'],
    ['1 3/8 2', 'Write pages and eighths, like 1 3/8, 7/8 or 12'],
    ['1000', 'A strip is at most 999 pages'],
  ])('refuses %j with a plain sentence', (input, message) => {
    expect(parseEighths(input)).toEqual({ ok: false, message });
  });

  it('writes whole pages, then the eighths left over', () => {
    expect(formatEighths(0)).toBe('0');
    expect(formatEighths(7)).toBe('7/8');
    expect(formatEighths(11)).toBe('1 3/8');
    expect(formatEighths(96)).toBe('12');
    expect(formatEighths(35)).toBe('4 3/8');
  });

  it('reads back what it writes for every strip length', () => {
    for (let eighths = 0; eighths <= DOCUMENT_LIMITS.stripEighths; eighths += 1) {
      expect(parseEighths(formatEighths(eighths))).toEqual({ ok: true, eighths });
    }
  });

  it('refuses to format a negative or fractional count', () => {
    expect(() => formatEighths(-1)).toThrow(RangeError);
    expect(() => formatEighths(1.5)).toThrow(RangeError);
  });

  it('sums eighths', () => {
    expect(sumEighths([11, 7, 0, 96])).toBe(114);
    expect(sumEighths([])).toBe(0);
  });
});
