import * as Y from 'yjs';

/** Applies updates in one transaction: linear, unlike Y.mergeUpdates on thousands of updates. */
export function applyUpdates(doc: Y.Doc, updates: Iterable<Uint8Array>, origin?: unknown): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

/** Folds a snapshot and updates into one garbage-collected state. */
export function mergeDocumentState(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  applyUpdates(doc, snapshot ? [snapshot, ...updates] : updates);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
