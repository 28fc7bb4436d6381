import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  createCastMember,
  createShootDay,
  createStrip,
  deleteStrips,
  insertStrip,
  moveStrips,
  setPalettePreset,
  setStripCast,
  updateStrip,
} from '@callboard/domain';
import { BoardState } from './board-state.svelte';

/** A day with two scenes that share a number, and a pool strip. */
function schedule(): Y.Doc {
  const doc = new Y.Doc();
  createShootDay(doc, { date: '2027-01-11' }, 'd1');
  insertStrip(doc, { scene: '14A', eighths: 11 }, { dayId: 'd1' }, { id: 'a' });
  insertStrip(doc, { scene: '14a ', eighths: 3 }, { dayId: 'd1' }, { id: 'b' });
  insertStrip(doc, { scene: '20' }, { dayId: '' }, { id: 'p' });
  return doc;
}

const ids = (state: BoardState) => ({
  d1: state.board.units[0]?.days[0]?.strips.map((strip) => strip.id),
  pool: state.board.pool.strips.map((strip) => strip.id),
});

describe('the board a page renders', () => {
  test('is read from the document at once, with its totals and duplicate scene numbers', () => {
    const state = new BoardState(schedule());
    expect(ids(state)).toEqual({ d1: ['a', 'b'], pool: ['p'] });
    expect(state.board.units[0]!.days[0]!.totals).toEqual({
      eighths: 14,
      estMinutes: 0,
      scenes: 2,
    });
    expect([...state.duplicates]).toEqual([
      ['a', '14A'],
      ['b', '14A'],
    ]);
    expect(state.strips.get('p')?.scene).toBe('20');
    state.destroy();
  });

  test('follows an update from elsewhere, rebuilt once for all it changes', () => {
    const doc = schedule();
    const state = new BoardState(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update));

    const unmoved = state.strips.get('b');
    moveStrips(other, ['p', 'a'], { dayId: 'd1', index: 0 });
    createCastMember(other, { number: '1', name: 'Ann Lee', character: 'Maggie' });
    setPalettePreset(other, 'ext-night-blue');
    expect(ids(state)).toEqual({ d1: ['p', 'a', 'b'], pool: [] });
    // A strip the update did not touch is the same object, so its row renders nothing new.
    expect(state.board.units[0]!.days[0]!.strips[2]).toBe(unmoved);
    expect(state.cast.map((member) => member.character)).toEqual(['Maggie']);
    expect(state.settings.palettePreset).toBe('ext-night-blue');
    state.destroy();
  });

  test('shows a move this tab made at once, and nothing more once destroyed', () => {
    const doc = schedule();
    const state = new BoardState(doc);
    const before = state.board;
    moveStrips(doc, ['b', 'a'], { dayId: '' });
    expect(ids(state)).toEqual({ d1: [], pool: ['p', 'b', 'a'] });
    expect(state.days.get('d1')?.totals.scenes).toBe(0);
    // A transaction touching no strip, day, cast or setting leaves the board as it was.
    const after = state.board;
    doc.transact(() => doc.getMap('meta').set('schemaVersion', 2));
    expect(state.board).toBe(after);
    expect(after).not.toBe(before);

    state.destroy();
    moveStrips(doc, ['b'], { dayId: 'd1' });
    expect(ids(state)).toEqual({ d1: [], pool: ['p', 'b', 'a'] });
  });

  test('keeps the objects of the days, the pool and the duplicates a move does not touch', () => {
    const doc = schedule();
    createShootDay(doc, { date: '2027-01-12' }, 'd2');
    insertStrip(doc, { scene: '30' }, { dayId: 'd2' }, { id: 'c' });
    const state = new BoardState(doc);
    const [d1, d2] = state.board.units[0]!.days;
    const { pool } = state.board;
    const duplicates = state.duplicates;

    moveStrips(doc, ['b'], { dayId: 'd1', index: 0 });
    const [movedIn, untouched] = state.board.units[0]!.days;
    expect(movedIn!.strips.map((strip) => strip.id)).toEqual(['b', 'a']);
    expect(movedIn).not.toBe(d1);
    expect(untouched).toBe(d2);
    expect(state.board.pool).toBe(pool);
    expect(state.duplicates).toBe(duplicates);
    expect(state.days.get('d2')).toBe(d2);
    state.destroy();
  });

  test('reads again a strip whose cast changed, or that was deleted and written anew', () => {
    const doc = schedule();
    const state = new BoardState(doc);
    const maggie = createCastMember(doc, { number: '1', name: 'Ann Lee', character: 'Maggie' });
    setStripCast(doc, 'a', maggie, true);
    expect(state.strips.get('a')?.cast).toEqual([maggie]);

    deleteStrips(doc, ['p']);
    createStrip(doc, { scene: '21' }, { dayId: 'd1', order: 'z' }, 'p');
    expect(state.strips.get('p')?.scene).toBe('21');
    expect(ids(state)).toEqual({ d1: ['a', 'b', 'p'], pool: [] });

    updateStrip(doc, 'b', { scene: '15' });
    expect([...state.duplicates]).toEqual([]);
    state.destroy();
  });
});
