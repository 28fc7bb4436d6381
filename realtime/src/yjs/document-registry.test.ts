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
