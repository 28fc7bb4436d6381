import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LoadedDocument } from './document-registry.js';

function edit(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('events').set(key, true);
  return Y.encodeStateAsUpdate(doc);
}

const row = (seq: bigint, key: string, settled: boolean) => ({
  calendarId: 'cal',
  seq,
  update: edit(key),
  settled,
});

describe('LoadedDocument.applyLogRows', () => {
  it('applies new rows and moves the watermark only past settled ones', () => {
    const loaded = new LoadedDocument('cal');
    expect(loaded.applyLogRows([row(1n, 'a', true), row(3n, 'c', false)], 'catch-up')).toBe(2);
    expect(loaded.log.watermark).toBe(1n);
    expect(loaded.doc.getMap('events').toJSON()).toEqual({ a: true, c: true });
  });

  it('skips rows it already applied and still catches a row that committed late', () => {
    const loaded = new LoadedDocument('cal');
    loaded.applyLogRows([row(1n, 'a', true), row(3n, 'c', false)], 'catch-up');
    // Seq 2 was handed out before 3 but committed after it: the watermark stayed below it.
    expect(loaded.applyLogRows([row(2n, 'b', false), row(3n, 'c', true)], 'catch-up')).toBe(1);
    expect(loaded.doc.getMap('events').toJSON()).toEqual({ a: true, b: true, c: true });
    expect(loaded.log.watermark).toBe(3n);
    expect(loaded.log.applied.size).toBe(0);
  });

  it('lets a known row without its bytes settle and move the watermark', () => {
    const loaded = new LoadedDocument('cal');
    loaded.log.applied.add(4n);
    expect(
      loaded.applyLogRows(
        [{ calendarId: 'cal', seq: 4n, update: null, settled: true }],
        'catch-up',
      ),
    ).toBe(0);
    expect(loaded.log.watermark).toBe(4n);
    expect(loaded.log.applied.size).toBe(0);
  });
});

/** Every change the document reports, with its update read while it is reported. */
function recordChanges(loaded: LoadedDocument) {
  const changes: { origin: unknown; update: Uint8Array }[] = [];
  loaded.onChange = (change) => changes.push({ origin: change.origin, update: change.update });
  return changes;
}

/** A copy brought to `base`, then given `update`: what a client of the relay would hold. */
function replay(base: Uint8Array[], update: Uint8Array): unknown {
  const copy = new Y.Doc();
  for (const each of [...base, update]) Y.applyUpdate(copy, each);
  return copy.getMap('events').toJSON();
}

describe('LoadedDocument.apply', () => {
  it('relays an update it held nothing of as received, without encoding it again', () => {
    const loaded = new LoadedDocument('cal');
    const changes = recordChanges(loaded);
    const update = edit('a');
    loaded.apply([update], 'client', Y.decodeUpdate(update));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.update).toBe(update);
    expect(changes[0]!.origin).toBe('client');
  });

  it('passes on an update without bytes a client appended after it, which Yjs ignores', () => {
    const update = edit('a');
    const padded = new Uint8Array([...update, 7, 7, 7, 7]);
    const loaded = new LoadedDocument('cal');
    const changes = recordChanges(loaded);
    loaded.apply([padded], 'client', Y.decodeUpdate(padded));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.update.byteLength).toBeLessThan(padded.byteLength);
    expect(replay([], changes[0]!.update)).toEqual({ a: true });
  });

  it('relays only the part it lacked of an update that repeats what it holds', () => {
    const writer = new Y.Doc();
    writer.getMap('events').set('a', 1);
    const first = Y.encodeStateAsUpdate(writer);
    writer.getMap('events').set('b', 2);
    const both = Y.encodeStateAsUpdate(writer);
    const loaded = new LoadedDocument('cal');
    loaded.apply([first], 'client', Y.decodeUpdate(first));
    const changes = recordChanges(loaded);
    // A client that reconnects sends everything it has (its sync step 2).
    loaded.apply([both], 'client', Y.decodeUpdate(both));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.update.byteLength).toBeLessThan(both.byteLength);
    expect(replay([first], changes[0]!.update)).toEqual({ a: 1, b: 2 });
  });

  it('reports nothing for an update it already holds', () => {
    const update = edit('a');
    const loaded = new LoadedDocument('cal');
    loaded.apply([update], 'client', Y.decodeUpdate(update));
    const changes = recordChanges(loaded);
    loaded.apply([update], 'client', Y.decodeUpdate(update));
    expect(changes).toHaveLength(0);
  });

  it('relays an update Yjs holds back until what it builds on arrives, and then that one', () => {
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    writer.getMap('events').set('a', 1);
    writer.getMap('events').set('b', 2);
    const [first, second] = updates as [Uint8Array, Uint8Array];
    const loaded = new LoadedDocument('cal');
    const changes = recordChanges(loaded);
    loaded.apply([second], 'fan-out');
    expect(loaded.doc.getMap('events').toJSON()).toEqual({});
    loaded.apply([first], 'fan-out');
    expect(loaded.doc.getMap('events').toJSON()).toEqual({ a: 1, b: 2 });
    // A client that was sent both, in that order, ends where the relay does.
    expect(changes).toHaveLength(2);
    const client = new Y.Doc();
    for (const change of changes) Y.applyUpdate(client, change.update);
    expect(client.getMap('events').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('reports, encoded from the document, a change made without apply()', () => {
    const loaded = new LoadedDocument('cal');
    const changes = recordChanges(loaded);
    loaded.doc.getMap('events').set('a', true);
    expect(changes).toHaveLength(1);
    expect(replay([], changes[0]!.update)).toEqual({ a: true });
  });

  it('reports one change for rows applied together, holding exactly what was new', () => {
    const loaded = new LoadedDocument('cal');
    loaded.applyLogRows([row(1n, 'a', true)], 'catch-up');
    const changes = recordChanges(loaded);
    loaded.applyLogRows([row(2n, 'b', true), row(3n, 'c', true)], 'catch-up');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.origin).toBe('catch-up');
    expect(replay([edit('a')], changes[0]!.update)).toEqual({ a: true, b: true, c: true });
  });
});

describe('LoadedDocument.applyLogRows with a snapshot', () => {
  it('skips the rows the snapshot folded in and moves past it', () => {
    const writer = new Y.Doc();
    writer.getMap('events').set('a', true);
    const loaded = new LoadedDocument('cal');
    const applied = loaded.applyLogRows([row(2n, 'a', true), row(5n, 'b', true)], 'load', {
      state: Y.encodeStateAsUpdate(writer),
      throughSeq: 3n,
    });
    expect(applied).toBe(1);
    expect(loaded.doc.getMap('events').toJSON()).toEqual({ a: true, b: true });
    expect(loaded.log.watermark).toBe(5n);
    expect(loaded.log.snapshotSeq).toBe(3n);
  });

  it('keeps its place when the snapshot does not apply, so the next pass reads it again', () => {
    const loaded = new LoadedDocument('cal');
    expect(() =>
      loaded.applyLogRows([], 'catch-up', { state: new Uint8Array([255, 255]), throughSeq: 9n }),
    ).toThrow();
    expect(loaded.log.watermark).toBe(0n);
    expect(loaded.log.snapshotSeq).toBeNull();
  });
});
