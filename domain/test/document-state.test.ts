import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EVENTS_MAP, META_MAP } from '../src/calendar-document.js';
import { mergeDocumentState, SchemaDoc } from '../src/document-state.js';

function eventUpdate(id: string, title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap(EVENTS_MAP).set(id, new Y.Map([['title', title]]));
  return Y.encodeStateAsUpdate(doc);
}

describe('SchemaDoc', () => {
  it('holds a schema root an update brings as a map before anyone asks for it', () => {
    const doc = new SchemaDoc();
    expect(doc.share.size).toBe(0);
    Y.applyUpdate(doc, eventUpdate('a', 'Read-through'));
    const root = doc.share.get(EVENTS_MAP);
    expect(root).toBeInstanceOf(Y.Map);
    expect(doc.getMap(EVENTS_MAP)).toBe(root);
    expect(doc.getMap(EVENTS_MAP).get('a')).toBeInstanceOf(Y.Map);
    // Only the roots the content uses are defined.
    expect([...doc.share.keys()]).toEqual([EVENTS_MAP]);
  });

  it('lets a listener of the transaction find the root it changed through getMap', () => {
    const doc = new SchemaDoc();
    const seen: (Set<string | null> | undefined)[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      // A placeholder replaced here would leave the transaction keyed by the old type.
      const events = doc.getMap(EVENTS_MAP) as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>;
      seen.push(transaction.changed.get(events));
    });
    Y.applyUpdate(doc, eventUpdate('a', 'Read-through'));
    expect(seen).toEqual([new Set(['a'])]);
  });

  it('leaves other names as Yjs defines them', () => {
    const doc = new SchemaDoc();
    const other = new Y.Doc();
    other.getArray('list').push([1]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(doc.share.get('list')?.constructor).toBe(Y.AbstractType);
    expect(doc.getArray('list').toArray()).toEqual([1]);
  });

  it('keeps a schema root that arrives a map for good', () => {
    const doc = new SchemaDoc();
    const meta = new Y.Doc();
    meta.getMap(META_MAP).set('schemaVersion', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(meta));
    expect(() => doc.getArray(META_MAP)).toThrow(/different constructor/);
  });

  it('reads the same state as a plain document', () => {
    const state = mergeDocumentState(null, [eventUpdate('a', 'One'), eventUpdate('b', 'Two')]);
    const doc = new SchemaDoc();
    Y.applyUpdate(doc, state);
    const plain = new Y.Doc();
    Y.applyUpdate(plain, state);
    expect(doc.getMap(EVENTS_MAP).toJSON()).toEqual(plain.getMap(EVENTS_MAP).toJSON());
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(plain));
  });
});
