import type { CastMember } from './cast-document.js';
import type { DayNight, IntExt, Strip } from './strip-document.js';

/**
 * Filtering the stripboard: which strips show, never in what order. A filter only hides
 * strips; moves made while it is on are computed in the full lists (board-moves.ts), so the
 * hidden strips keep their places and their order among themselves.
 */

export interface BoardFilter {
  /** A cast id the scene must hold; '' for any. */
  castId: string;
  /** A set, compared without case and surrounding spaces; '' for any. */
  set: string;
  /** A location, compared the same way; '' for any. */
  location: string;
  intExt: IntExt | '';
  dayNight: DayNight | '';
}

export const NO_BOARD_FILTER: Readonly<BoardFilter> = {
  castId: '',
  set: '',
  location: '',
  intExt: '',
  dayNight: '',
};

/** How sets and locations are compared: `Diner ` and `DINER` are one set. */
export function filterTextKey(text: string): string {
  return text.trim().toUpperCase();
}

export function isFiltering(filter: BoardFilter): boolean {
  return Object.values(filter).some((value) => value !== '');
}

/**
 * Whether a strip shows under the filter. A banner (a meal, a company move) has no cast, set
 * or lighting to match, so it shows only while nothing is filtered.
 */
export function stripMatches(strip: Strip, filter: BoardFilter): boolean {
  if (!isFiltering(filter)) return true;
  if (strip.kind !== 'scene') return false;
  if (filter.castId && !strip.cast.includes(filter.castId)) return false;
  if (filter.set && filterTextKey(strip.set) !== filterTextKey(filter.set)) return false;
  if (filter.location && filterTextKey(strip.location) !== filterTextKey(filter.location))
    return false;
  if (filter.intExt && strip.intExt !== filter.intExt) return false;
  if (filter.dayNight && strip.dayNight !== filter.dayNight) return false;
  return true;
}

/** The strips that show, in the order given. */
export function filterStrips(strips: readonly Strip[], filter: BoardFilter): Strip[] {
  return isFiltering(filter) ? strips.filter((strip) => stripMatches(strip, filter)) : [...strips];
}

export interface BoardFilterOptions {
  /** The sets scenes use, each once (as first written), in alphabetical order. */
  sets: string[];
  locations: string[];
  /** The cast members, in cast order, that at least one scene holds. */
  cast: CastMember[];
}

const alphabetical = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function distinct(values: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const key = filterTextKey(value);
    if (key !== '' && !byKey.has(key)) byKey.set(key, value.trim());
  }
  return [...byKey.values()].sort(alphabetical.compare);
}

/** What the filter's choices offer: only values some scene has, so no choice shows nothing. */
export function boardFilterOptions(
  strips: readonly Strip[],
  cast: readonly CastMember[],
): BoardFilterOptions {
  const scenes = strips.filter((strip) => strip.kind === 'scene');
  const used = new Set(scenes.flatMap((strip) => strip.cast));
  return {
    sets: distinct(scenes.map((strip) => strip.set)),
    locations: distinct(scenes.map((strip) => strip.location)),
    cast: cast.filter((member) => used.has(member.id)),
  };
}
