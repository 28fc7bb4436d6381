import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardFilterOptions,
  filterStrips,
  isFiltering,
  NO_BOARD_FILTER,
  stripMatches,
  type BoardFilter,
} from '../src/board-filter.js';
import { readCast, createCastMember } from '../src/cast-document.js';
import { createShootDay } from '../src/shoot-day.js';
import { readStrips, type Strip } from '../src/strip-document.js';
import { readBoard } from '../src/stripboard.js';
import { insertStrip } from '../src/strip-placement.js';
import { dinerScene } from './support/strip.fixture.js';

/** A day of four scenes and a banner, two cast members on some of them. */
function schedule() {
  const doc = new Y.Doc();
  createShootDay(doc, { date: '2026-12-07' }, 'd1');
  const maggie = createCastMember(doc, { number: '1', name: 'Ann Lee', character: 'Maggie' }, 'c1');
  const tom = createCastMember(doc, { number: '2', name: 'Bo Ray', character: 'Tom' }, 'c2');
  createCastMember(doc, { number: '3', name: 'Cy Dee', character: 'Nobody' }, 'c3');
  const day = { dayId: 'd1' };
  insertStrip(doc, { ...dinerScene, scene: '1', cast: [maggie] }, day, { id: 'a' });
  insertStrip(doc, { kind: 'banner', text: 'Lunch', estMinutes: 60 }, day, { id: 'lunch' });
  insertStrip(
    doc,
    { ...dinerScene, scene: '2', set: ' diner', intExt: 'EXT', cast: [maggie, tom] },
    day,
    { id: 'b' },
  );
  insertStrip(
    doc,
    { ...dinerScene, scene: '3', set: 'HARBOUR WALL', location: 'Fish Quay', dayNight: 'DAY' },
    day,
    { id: 'c' },
  );
  insertStrip(doc, { ...dinerScene, scene: '4', cast: [tom] }, day, { id: 'd' });
  return doc;
}

const shown = (strips: Strip[], filter: Partial<BoardFilter>) =>
  filterStrips(strips, { ...NO_BOARD_FILTER, ...filter }).map((strip) => strip.id);

describe('the board filter', () => {
  const doc = schedule();
  const strips = readBoard(doc).units[0]!.days[0]!.strips;

  it('shows every strip, banners included, in board order while nothing is filtered', () => {
    expect(isFiltering(NO_BOARD_FILTER)).toBe(false);
    expect(shown(strips, {})).toEqual(['a', 'lunch', 'b', 'c', 'd']);
  });

  it.each([
    ['a cast member', { castId: 'c2' }, ['b', 'd']],
    ['a set, without case or surrounding spaces', { set: 'Diner' }, ['a', 'b', 'd']],
    ['a location', { location: 'fish quay' }, ['c']],
    ['INT/EXT', { intExt: 'EXT' as const }, ['b']],
    ['DAY/NIGHT', { dayNight: 'NIGHT' as const }, ['a', 'b', 'd']],
    ['several at once, all of them', { castId: 'c1', intExt: 'INT' as const }, ['a']],
  ])('by %s keeps the matching scenes in board order', (_what, filter, ids) => {
    expect(isFiltering({ ...NO_BOARD_FILTER, ...filter })).toBe(true);
    expect(shown(strips, filter)).toEqual(ids);
  });

  it('hides banners while anything is filtered, as they have no cast, set or light', () => {
    const lunch = strips.find((strip) => strip.id === 'lunch')!;
    expect(stripMatches(lunch, NO_BOARD_FILTER)).toBe(true);
    expect(stripMatches(lunch, { ...NO_BOARD_FILTER, dayNight: 'NIGHT' })).toBe(false);
  });

  it('offers only the sets, locations and cast that some scene has, each once', () => {
    const options = boardFilterOptions(readStrips(doc), readCast(doc));
    expect(options.sets).toEqual(['DINER', 'HARBOUR WALL']);
    expect(options.locations).toEqual(['Fish Quay', 'Stage 4']);
    expect(options.cast.map((member) => member.character)).toEqual(['Maggie', 'Tom']);
  });
});
