import type { DecodedUpdate } from '@callboard/domain';
import * as Y from 'yjs';

/**
 * One transaction's change to a loaded document, for its clients, the log and the bus. The
 * relay does not listen to Yjs's `update` event, which re-encodes every transaction even when
 * the update that caused it is at hand (most are relayed as received): `update` is made on
 * first use, and a change nobody needs (a remote one on a document without local clients) is
 * never encoded.
 */
export class DocumentChange {
  #update: Uint8Array | null = null;

  constructor(
    readonly origin: unknown,
    readonly transaction: Y.Transaction,
    private readonly encode: () => Uint8Array,
  ) {}

  /**
   * The change as one update: applied to a copy at the document's previous state, it gives this
   * one. Read it while being told of the change: one encoded from the document would take in
   * later changes too.
   */
  get update(): Uint8Array {
    return (this.#update ??= this.encode());
  }
}

/**
 * How a change's update is made: the update as it came, the part of the updates the document
 * lacked, or from the document itself (its whole delete set, so dearer).
 */
export type ChangeEncoding = 'as-received' | 'diff' | 'document';

/** Whether every struct of the update lies past what the document holds: none of it is known. */
export function isEntirelyNew(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct.id.clock < Y.getState(doc.store, struct.id.client)) return false;
  }
  return true;
}

/** As Yjs decides whether a transaction is worth an `update` event. */
export function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}

/**
 * What Yjs holds back until the structs it builds on arrive. An update that only adds to it
 * changes nothing visible, yet must reach clients and the log like any other, or the part it
 * left pending would be missing wherever it is integrated later.
 */
export function pendingMarker(doc: Y.Doc): readonly [unknown, unknown] {
  return [doc.store.pendingStructs?.update ?? null, doc.store.pendingDs];
}

export function pendingChanged(
  before: readonly [unknown, unknown],
  after: readonly [unknown, unknown],
): boolean {
  return before[0] !== after[0] || before[1] !== after[1];
}

/** The document's change since `beforeState`, encoded from the document (its whole delete set). */
export function encodeSince(doc: Y.Doc, beforeState: Map<number, number>): Uint8Array {
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(beforeState));
}
