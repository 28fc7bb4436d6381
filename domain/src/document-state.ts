import * as Y from 'yjs';
import { DOCUMENT_SCHEMA } from './document-update-check.js';

/**
 * A Y.Doc whose schema roots are maps however they first appear. Decoding an update defines a
 * root nobody has asked for as Yjs's placeholder type, which the first getMap then replaces:
 * inside a transaction, that leaves its observers keyed by a type the document no longer holds.
 * Defining every root up front avoids that but costs each document a map per unused root.
 */
export class SchemaDoc extends Y.Doc {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Y.Doc declares it
  override get<Type extends new () => Y.AbstractType<any>>(
    name: string,
    TypeConstructor?: Type,
  ): InstanceType<Type> {
    if (
      (TypeConstructor ?? Y.AbstractType) === Y.AbstractType &&
      Object.hasOwn(DOCUMENT_SCHEMA, name)
    )
      return super.get(name, Y.Map as unknown as Type);
    return super.get(name, TypeConstructor);
  }
}

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
