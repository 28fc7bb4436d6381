import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { convertText } from '../src/event-text.js';
import {
  createStrip,
  deleteStrips,
  readStrip,
  readStrips,
  setStripCast,
  stripsMap,
  updateStrip,
} from '../src/strip-document.js';
import { dinerScene } from './support/strip.fixture.js';
import { copyOf, syncAll } from './support/yjs-sync.js';

const place = { dayId: '', order: 'a0' };

describe('strips', () => {
  it('stores a scene with exactly the documented fields and its cast as a map of ids', () => {
    const doc = new Y.Doc();
    createStrip(doc, { ...dinerScene, cast: ['c2', 'c1'] }, place, 's1');
    expect(Object.keys(dinerScene)).toHaveLength(10);
    expect(stripsMap(doc).get('s1')!.toJSON()).toEqual({
      ...dinerScene,
      dayId: '',
      order: 'a0',
      cast: { c1: true, c2: true },
    });
    expect(readStrips(doc)[0]).toMatchObject({ id: 's1', cast: ['c1', 'c2'], text: '' });
  });

  it('stores a banner with its text, minutes and placement only', () => {
    const doc = new Y.Doc();
    createStrip(doc, { kind: 'banner', text: 'Lunch', estMinutes: 60 }, place, 'b1');
    expect(stripsMap(doc).get('b1')!.toJSON()).toEqual({
      kind: 'banner',
      text: 'Lunch',
      estMinutes: 60,
      dayId: '',
      order: 'a0',
    });
  });

  it('refuses invalid content and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => createStrip(doc, { ...dinerScene, eighths: 1.5 }, place)).toThrow();
    expect(() => createStrip(doc, { ...dinerScene, intExt: 'OUT' as never }, place)).toThrow();
    expect(() => createStrip(doc, { ...dinerScene, scene: 'x'.repeat(17) }, place)).toThrow();
    expect(readStrips(doc)).toEqual([]);
  });

  it('reads bad values as the empty strip’s instead of hiding the strip', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    stripsMap(doc).set('odd', map);
    map.set('kind', 'poster');
    map.set('eighths', -3);
    map.set('estMinutes', 'long');
    map.set('dayNight', 'NOON');
    map.set('cast', ['c1']);
    map.set('futureField', 1);
    expect(readStrip('odd', map)).toEqual({
      id: 'odd',
      kind: 'scene',
      scene: '',
      intExt: '',
      dayNight: '',
      set: '',
      location: '',
      synopsis: '',
      eighths: 0,
      estMinutes: 0,
      scriptPage: '',
      text: '',
      cast: [],
      dayId: '',
      order: '',
    });
  });

  it('updates only the given fields, keeps unknown keys, and types into a Y.Text synopsis', () => {
    const doc = new Y.Doc();
    createStrip(doc, dinerScene, place, 's1');
    const map = stripsMap(doc).get('s1')!;
    map.set('futureField', { crew: 42 });
    const synopsis = convertText(map, 'synopsis');
    expect(
      updateStrip(doc, 's1', { eighths: 12, synopsis: 'Maggie meets the informant, late' }),
    ).toBe(true);
    expect(map.get('synopsis')).toBe(synopsis);
    expect(map.toJSON()).toMatchObject({ eighths: 12, futureField: { crew: 42 }, dayId: '' });
    expect(readStrip('s1', map).synopsis).toBe('Maggie meets the informant, late');
    expect(updateStrip(doc, 'missing', { eighths: 1 })).toBe(false);
    expect(() => updateStrip(doc, 's1', { eighths: -1 })).toThrow();
  });

  it('keeps both cast members two people add to one strip at once', () => {
    const a = new Y.Doc();
    createStrip(a, { ...dinerScene, cast: ['c1'] }, place, 's1');
    const b = copyOf(a);
    setStripCast(a, 's1', 'c2', true);
    updateStrip(b, 's1', { cast: ['c1', 'c3'] });
    syncAll(a, b);
    expect(readStrips(a)[0]!.cast).toEqual(['c1', 'c2', 'c3']);
    expect(readStrips(b)).toEqual(readStrips(a));
  });

  it('takes a cast member off only when asked, and deletes strips', () => {
    const doc = new Y.Doc();
    createStrip(doc, { ...dinerScene, cast: ['c1', 'c2'] }, place, 's1');
    createStrip(doc, dinerScene, place, 's2');
    updateStrip(doc, 's1', { cast: ['c2'] });
    expect(readStrips(doc)[0]!.cast).toEqual(['c2']);
    setStripCast(doc, 's1', 'c2', false);
    expect(readStrips(doc)[0]!.cast).toEqual([]);
    deleteStrips(doc, ['s1', 'gone']);
    expect(readStrips(doc).map((strip) => strip.id)).toEqual(['s2']);
  });
});
