import { DOCUMENT_LIMITS } from './document-limits.js';

/**
 * Script length in eighths of a page, as schedules count it: `1 3/8` is 11 eighths. Strips store
 * the integer; people read and type the pages-and-eighths form.
 */
export const EIGHTHS_PER_PAGE = 8;

export type EighthsParse = { ok: true; eighths: number } | { ok: false; message: string };

const FORM = /^(?:(\d+)|(\d+)\/(\d+)|(\d+)\s+(\d+)\/(\d+))$/;

const MESSAGES = {
  form: 'Write pages and eighths, like 1 3/8, 7/8 or 12',
  denominator: 'Write the fraction in eighths, like 3/8',
  numerator: 'The fraction is 1/8 to 7/8; a whole page is written as a page',
  tooLong: `A strip is at most ${DOCUMENT_LIMITS.stripEighths / EIGHTHS_PER_PAGE} pages`,
} as const;

/**
 * Reads `0`, `12`, `7/8` or `1 3/8` (spaces around are ignored) as a count of eighths. Refuses,
 * with a sentence to show as it is, anything else: `3/9`, `1 8/8`, `-1`, `1.5`, `abc`.
 */
export function parseEighths(input: string): EighthsParse {
  const match = FORM.exec(input.trim());
  if (!match) return { ok: false, message: MESSAGES.form };
  const [, wholeOnly, fractionTop, fractionBottom, whole, top, bottom] = match;
  const pages = Number(wholeOnly ?? whole ?? 0);
  const numerator = Number(fractionTop ?? top ?? 0);
  const denominator = fractionBottom ?? bottom;
  if (denominator !== undefined) {
    if (Number(denominator) !== EIGHTHS_PER_PAGE)
      return { ok: false, message: MESSAGES.denominator };
    if (numerator < 1 || numerator >= EIGHTHS_PER_PAGE)
      return { ok: false, message: MESSAGES.numerator };
  }
  const eighths = pages * EIGHTHS_PER_PAGE + numerator;
  if (eighths > DOCUMENT_LIMITS.stripEighths) return { ok: false, message: MESSAGES.tooLong };
  return { ok: true, eighths };
}

/** `0`, `7/8`, `1 3/8`, `12`: whole pages, then the eighths left over. */
export function formatEighths(eighths: number): string {
  if (!Number.isSafeInteger(eighths) || eighths < 0)
    throw new RangeError(`Eighths must be a whole number from 0: ${eighths}`);
  const pages = Math.floor(eighths / EIGHTHS_PER_PAGE);
  const rest = eighths % EIGHTHS_PER_PAGE;
  if (rest === 0) return String(pages);
  const fraction = `${rest}/${EIGHTHS_PER_PAGE}`;
  return pages === 0 ? fraction : `${pages} ${fraction}`;
}

/** The eighths of several strips together, e.g. a day's total. */
export function sumEighths(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
