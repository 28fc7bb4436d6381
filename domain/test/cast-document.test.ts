import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  castMap,
  castNumbersOf,
  createCastMember,
  deleteCastMember,
  readCast,
  updateCastMember,
} from '../src/cast-document.js';
import { createStrip, readStrips } from '../src/strip-document.js';
import { dinerScene } from './support/strip.fixture.js';

const maggie = { number: '1', name: 'Niamh Callaghan', character: 'DI Maggie Doyle' };

describe('cast', () => {
  it('stores a cast member with exactly the documented fields', () => {
    const doc = new Y.Doc();
    createCastMember(doc, maggie, 'c1');
    expect(castMap(doc).get('c1')!.toJSON()).toEqual(maggie);
    expect(() => createCastMember(doc, { ...maggie, number: '123456789' })).toThrow();
  });

  it('lists the cast by number as a call sheet does: 2 before 10, 12 before 12A', () => {
    const doc = new Y.Doc();
    for (const number of ['12A', '10', '2', '12', '1'])
      createCastMember(doc, { ...maggie, number }, `c${number}`);
    expect(readCast(doc).map((member) => member.number)).toEqual(['1', '2', '10', '12', '12A']);
  });

  it('updates only the given fields and keeps unknown keys', () => {
    const doc = new Y.Doc();
    createCastMember(doc, maggie, 'c1');
    castMap(doc).get('c1')!.set('agent', 'Hamilton Hodell');
    expect(updateCastMember(doc, 'c1', { name: 'Niamh Callaghan-Byrne' })).toBe(true);
    expect(castMap(doc).get('c1')!.toJSON()).toEqual({
      ...maggie,
      name: 'Niamh Callaghan-Byrne',
      agent: 'Hamilton Hodell',
    });
    expect(updateCastMember(doc, 'missing', { name: 'x' })).toBe(false);
  });

  it('deletes a cast member and takes them off every strip', () => {
    const doc = new Y.Doc();
    createCastMember(doc, maggie, 'c1');
    createCastMember(doc, { ...maggie, number: '2' }, 'c2');
    createStrip(doc, { ...dinerScene, cast: ['c1', 'c2'] }, { dayId: '', order: 'a0' }, 's1');
    deleteCastMember(doc, 'c1');
    expect(readCast(doc).map((member) => member.id)).toEqual(['c2']);
    expect(readStrips(doc)[0]!.cast).toEqual(['c2']);
  });

  it("shows a strip's cast numbers in cast order, skipping ids with no cast member", () => {
    const doc = new Y.Doc();
    createCastMember(doc, { ...maggie, number: '10' }, 'c10');
    createCastMember(doc, maggie, 'c1');
    expect(castNumbersOf(['c10', 'gone', 'c1'], readCast(doc))).toEqual(['1', '10']);
  });
});
