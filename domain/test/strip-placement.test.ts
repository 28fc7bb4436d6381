import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../src/seeded-random.js';
import { createShootDay } from '../src/shoot-day.js';
import { createStrip, stripsMap } from '../src/strip-document.js';
import { readBoard, stripsAt } from '../src/stripboard.js';
import { deleteShootDay, insertStrip, moveStrips } from '../src/strip-placement.js';
import { dinerScene, sceneOf } from './support/strip.fixture.js';
import { copyOf, syncAll } from './support/yjs-sync.js';

/** Two days: d1 with s1..s3, d2 with t1..t2; p1 in the pool. */
function schedule(): Y.Doc {
  const doc = new Y.Doc();
  const random = seededRandom(7);
  createShootDay(doc, { date: '2026-12-07' }, 'd1');
  createShootDay(doc, { date: '2026-12-08' }, 'd2');
  for (const id of ['s1', 's2', 's3'])
    insertStrip(doc, sceneOf(id, 8), { dayId: 'd1' }, { id, random });
  for (const id of ['t1', 't2']) insertStrip(doc, sceneOf(id, 8), { dayId: 'd2' }, { id, random });
  insertStrip(doc, sceneOf('p1', 8), { dayId: '' }, { id: 'p1', random });
  return doc;
}

function ids(doc: Y.Doc, dayId: string): string[] | undefined {
  return stripsAt(readBoard(doc), dayId)?.map((strip) => strip.id);
}

function layout(doc: Y.Doc): Record<string, string[]> {
  return { d1: ids(doc, 'd1') ?? [], d2: ids(doc, 'd2') ?? [], pool: ids(doc, '')! };
}

describe('strip placement', () => {
  it('inserts strips at the end or at an index of a day or the pool', () => {
    const doc = schedule();
    expect(layout(doc)).toEqual({ d1: ['s1', 's2', 's3'], d2: ['t1', 't2'], pool: ['p1'] });
    insertStrip(doc, dinerScene, { dayId: 'd1', index: 1 }, { id: 'new' });
    insertStrip(doc, dinerScene, { dayId: '', index: 0 }, { id: 'first' });
    expect(layout(doc)).toEqual({
      d1: ['s1', 'new', 's2', 's3'],
      d2: ['t1', 't2'],
      pool: ['first', 'p1'],
    });
    expect(insertStrip(doc, dinerScene, { dayId: 'no-such-day' })).toBeUndefined();
  });

  it('reorders a strip within its day, the index counting the strips that stay', () => {
    const doc = schedule();
    expect(moveStrips(doc, ['s1'], { dayId: 'd1', index: 2 })).toBe(true);
    expect(ids(doc, 'd1')).toEqual(['s2', 's3', 's1']);
    moveStrips(doc, ['s1'], { dayId: 'd1', index: 0 });
    expect(ids(doc, 'd1')).toEqual(['s1', 's2', 's3']);
  });

  it('moves several strips from anywhere to one place, together and in the order given', () => {
    const doc = schedule();
    moveStrips(doc, ['p1', 's3', 't1'], { dayId: 'd2', index: 1 });
    expect(layout(doc)).toEqual({ d1: ['s1', 's2'], d2: ['t2', 'p1', 's3', 't1'], pool: [] });
    moveStrips(doc, ['t1', 's1'], { dayId: '' });
    expect(layout(doc)).toEqual({ d1: ['s2'], d2: ['t2', 'p1', 's3'], pool: ['t1', 's1'] });
  });

  it('moves many strips in one transaction, undone in one step', () => {
    const doc = schedule();
    const undo = new Y.UndoManager(stripsMap(doc), { captureTimeout: 0 });
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    moveStrips(doc, ['s1', 's2', 't2'], { dayId: '' });
    expect(transactions).toBe(1);
    undo.undo();
    expect(layout(doc)).toEqual({ d1: ['s1', 's2', 's3'], d2: ['t1', 't2'], pool: ['p1'] });
  });

  it('changes nothing and says so for a day that does not exist or strips that are gone', () => {
    const doc = schedule();
    const before = Y.encodeStateVector(doc);
    expect(moveStrips(doc, ['s1'], { dayId: 'no-such-day' })).toBe(false);
    expect(moveStrips(doc, ['gone'], { dayId: 'd2' })).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('ends a strip two people move to two days at once in one place on both', () => {
    const a = schedule();
    const b = copyOf(a);
    moveStrips(a, ['s1'], { dayId: 'd2', index: 0 });
    moveStrips(b, ['s1'], { dayId: '' });
    syncAll(a, b);
    expect(layout(a)).toEqual(layout(b));
    const places = Object.values(layout(a))
      .flat()
      .filter((id) => id === 's1');
    expect(places).toEqual(['s1']);
  });

  it('keeps two batches dropped into the same gap at once each together', () => {
    const a = schedule();
    const b = copyOf(a);
    moveStrips(a, ['s1', 's2'], { dayId: 'd2', index: 1 }, { random: seededRandom(1) });
    moveStrips(b, ['p1', 's3'], { dayId: 'd2', index: 1 }, { random: seededRandom(2) });
    syncAll(a, b);
    expect(layout(a)).toEqual(layout(b));
    const d2 = ids(a, 'd2')!.join(' ');
    expect(['t1 s1 s2 p1 s3 t2', 't1 p1 s3 s1 s2 t2']).toContain(d2);
  });

  it('renumbers a day whose neighbouring keys tie and places the strip where asked', () => {
    const doc = new Y.Doc();
    createShootDay(doc, { date: '2026-12-07' }, 'd1');
    for (const id of ['a', 'b', 'c'])
      createStrip(doc, dinerScene, { dayId: 'd1', order: 'a0' }, id);
    createStrip(doc, dinerScene, { dayId: 'd1', order: '' }, 'broken');
    insertStrip(doc, dinerScene, { dayId: 'd1', index: 2 }, { id: 'new' });
    expect(ids(doc, 'd1')).toEqual(['broken', 'a', 'new', 'b', 'c']);
    const orders = stripsAt(readBoard(doc), 'd1')!.map((strip) => strip.order);
    expect(new Set(orders).size).toBe(5);
    moveStrips(doc, ['c'], { dayId: 'd1', index: 1 });
    expect(ids(doc, 'd1')).toEqual(['broken', 'c', 'a', 'new', 'b']);
  });

  it('deletes a day and moves its strips to the end of the pool in their order', () => {
    const doc = schedule();
    deleteShootDay(doc, 'd1');
    expect(layout(doc)).toEqual({ d1: [], d2: ['t1', 't2'], pool: ['p1', 's1', 's2', 's3'] });
    expect(readBoard(doc).units[0]!.days.map((day) => day.id)).toEqual(['d2']);
    expect(stripsMap(doc).get('s1')!.get('dayId')).toBe('');
  });

  it('shows in the pool a strip moved onto a day another person deletes at the same moment', () => {
    const a = schedule();
    const b = copyOf(a);
    deleteShootDay(a, 'd2');
    moveStrips(b, ['s1'], { dayId: 'd2', index: 0 });
    syncAll(a, b);
    expect(layout(a)).toEqual(layout(b));
    expect(ids(a, '')).toEqual(expect.arrayContaining(['s1', 't1', 't2', 'p1']));
    expect(ids(a, 'd1')).toEqual(['s2', 's3']);
  });
});
