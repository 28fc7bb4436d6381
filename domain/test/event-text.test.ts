import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEvent, eventsMap, readEvents, updateEvent } from '../src/calendar-document.js';
import {
  convertEventText,
  decodeTextRange,
  encodeTextRange,
  eventTextOf,
  readText,
  textSplice,
  writeText,
} from '../src/event-text.js';
import { nightShoot as shoot } from './support/calendar-event.fixture.js';

function synced(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('textSplice', () => {
  it('finds the one insert, delete or replacement between two values', () => {
    expect(textSplice('Base note.', 'Base note. Extra')).toEqual({
      index: 10,
      remove: 0,
      insert: ' Extra',
    });
    expect(textSplice('Base note.', 'Base.')).toEqual({ index: 4, remove: 5, insert: '' });
    expect(textSplice('Stage 4', 'Stage 5')).toEqual({ index: 6, remove: 1, insert: '5' });
    expect(textSplice('same', 'same')).toBeNull();
  });

  it('places an edit among repeated characters where the caret says it was made', () => {
    expect(textSplice('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(textSplice('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(textSplice('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('turns any value into any other', () => {
    const values = ['', 'a', 'ab', 'ba', 'abc', 'xabcx', 'aaaa', 'Notes\nline 2'];
    for (const before of values)
      for (const after of values)
        for (let caret = 0; caret <= after.length; caret += 1) {
          const splice = textSplice(before, after, caret);
          const result = splice
            ? before.slice(0, splice.index) +
              splice.insert +
              before.slice(splice.index + splice.remove)
            : before;
          expect(result).toBe(after);
        }
  });
});

describe('text fields as Y.Text', () => {
  it('reads a field held as a string or as a Y.Text alike', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, { ...shoot, notes: 'Bring rain covers' });
    const map = eventsMap(doc).get(id)!;
    expect(readText(map.get('notes'))).toBe('Bring rain covers');
    convertEventText(map, 'notes');
    expect(map.get('notes')).toBeInstanceOf(Y.Text);
    expect(readEvents(doc)[0]!.notes).toBe('Bring rain covers');
    expect(map.toJSON().notes).toBe('Bring rain covers');
    expect(readText(42)).toBe('');
  });

  it('converts a string field in one transaction and keeps its Y.Text after that', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, shoot);
    const map = eventsMap(doc).get(id)!;
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    const text = convertEventText(map, 'title');
    expect(transactions).toBe(1);
    expect(text.toString()).toBe(shoot.title);
    expect(convertEventText(map, 'title')).toBe(text);
    expect(eventTextOf(map, 'location')).toBeNull();
  });

  it('keeps both sentences when two people type into one Y.Text field at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createEvent(a, { ...shoot, notes: 'Base note.' });
    convertEventText(eventsMap(a).get(id)!, 'notes');
    synced(a, b);
    const textA = eventTextOf(eventsMap(a).get(id)!, 'notes')!;
    const textB = eventTextOf(eventsMap(b).get(id)!, 'notes')!;
    let typedA = textA.toString();
    let typedB = textB.toString();
    for (const char of ' 2AD: extras at 06:00.') {
      typedA += char;
      a.transact(() => writeText(textA, typedA));
    }
    for (const char of ' Camera: rain cover.') {
      typedB += char;
      b.transact(() => writeText(textB, typedB));
    }
    synced(a, b);
    expect(textA.toString()).toBe(textB.toString());
    expect(textA.toString()).toContain(' 2AD: extras at 06:00.');
    expect(textA.toString()).toContain(' Camera: rain cover.');
    expect(textA.toString().startsWith('Base note.')).toBe(true);
  });

  it('updates a Y.Text field by its smallest change, keeping concurrent typing elsewhere', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createEvent(a, { ...shoot, location: 'Stage 4' });
    convertEventText(eventsMap(a).get(id)!, 'location');
    synced(a, b);
    updateEvent(a, id, { location: 'Stage 4, east door' });
    eventTextOf(eventsMap(b).get(id)!, 'location')!.insert(0, 'Pinewood ');
    synced(a, b);
    expect(eventsMap(a).get(id)!.get('location')).toBeInstanceOf(Y.Text);
    expect(readEvents(a)[0]!.location).toBe('Pinewood Stage 4, east door');
    expect(readEvents(b)[0]!.location).toBe('Pinewood Stage 4, east door');
  });

  it('still validates text written through updateEvent', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, shoot);
    convertEventText(eventsMap(doc).get(id)!, 'title');
    expect(() => updateEvent(doc, id, { title: 'x'.repeat(501) })).toThrow();
    expect(readEvents(doc)[0]!.title).toBe(shoot.title);
  });
});

describe('text ranges', () => {
  it('keeps pointing at the same characters after others type before them', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const text = a
      .getMap('events')
      .set('e', new Y.Map<unknown>())
      .set('notes', new Y.Text('hello world'));
    synced(a, b);
    const range = encodeTextRange(text, 6, 11);
    const other = (b.getMap('events').get('e') as Y.Map<unknown>).get('notes') as Y.Text;
    other.insert(0, 'Oh, ');
    synced(a, b);
    expect(decodeTextRange(other, range)).toEqual({ anchor: 10, head: 15 });
    expect(decodeTextRange(text, range)).toEqual({ anchor: 10, head: 15 });
  });

  it('resolves to nothing in another text or from garbage', () => {
    const doc = new Y.Doc();
    const event = doc.getMap('events').set('e', new Y.Map<unknown>());
    const notes = event.set('notes', new Y.Text('one'));
    const title = event.set('title', new Y.Text('two'));
    expect(decodeTextRange(title, encodeTextRange(notes, 1, 1))).toBeNull();
    expect(decodeTextRange(title, { anchor: '!!', head: 'AAAA' })).toBeNull();
  });
});
