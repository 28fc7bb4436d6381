import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/**
 * The event fields that hold free text. Each is stored as a plain string (old documents,
 * outside clients) or as a Y.Text, which merges concurrent typing character by character
 * (docs/document-schema.md, "Text fields").
 */
export const EVENT_TEXT_FIELDS = ['title', 'location', 'notes'] as const;
export type EventTextField = (typeof EVENT_TEXT_FIELDS)[number];

export function isEventTextField(key: string): key is EventTextField {
  return (EVENT_TEXT_FIELDS as readonly string[]).includes(key);
}

/** The text a field holds, as a string or a Y.Text; '' for anything else. */
export function readText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value instanceof Y.Text ? value.toString() : '';
}

/** One contiguous change: remove `remove` characters at `index`, then insert `insert` there. */
export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single splice that turns `before` into `after`, or null when they are equal.
 * `caret`, where the edit left the caret in `after`, places an edit among repeated
 * characters where the user made it (typing "a" after the first "a" of "aa").
 */
export function textSplice(before: string, after: string, caret?: number): TextSplice | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  const sameTail = (limit: number) => {
    let tail = 0;
    while (
      tail < limit &&
      before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
    )
      tail += 1;
    return tail;
  };
  const sameHead = (limit: number) => {
    let head = 0;
    while (head < limit && before.charCodeAt(head) === after.charCodeAt(head)) head += 1;
    return head;
  };
  let head: number;
  let tail: number;
  if (caret === undefined) {
    head = sameHead(shorter);
    tail = sameTail(shorter - head);
  } else {
    // The text after the caret was not typed, so the unchanged tail reaches at most to the caret.
    tail = sameTail(Math.max(0, Math.min(shorter, after.length - caret)));
    head = sameHead(shorter - tail);
  }
  return {
    index: head,
    remove: before.length - head - tail,
    insert: after.slice(head, after.length - tail),
  };
}

/** Applies a splice to a Y.Text as a delete and an insert; call inside a transaction. */
export function applyTextSplice(text: Y.Text, splice: TextSplice): void {
  if (splice.remove > 0) text.delete(splice.index, splice.remove);
  if (splice.insert) text.insert(splice.index, splice.insert);
}

/**
 * Makes a Y.Text hold `value` by the smallest change, so what others typed elsewhere in it
 * at the same time survives. Call inside a transaction.
 */
export function writeText(text: Y.Text, value: string, caret?: number): void {
  const splice = textSplice(text.toString(), value, caret);
  if (splice) applyTextSplice(text, splice);
}

/**
 * A text field's Y.Text, or null while it is held as a string (or is missing). Any map's text
 * fields work alike: an event's (`EVENT_TEXT_FIELDS`) or a strip's (`STRIP_TEXT_FIELDS`).
 */
export function textOf(map: Y.Map<unknown>, field: string): Y.Text | null {
  const value = map.get(field);
  return value instanceof Y.Text ? value : null;
}

export function eventTextOf(map: Y.Map<unknown>, field: EventTextField): Y.Text | null {
  return textOf(map, field);
}

/**
 * The field's Y.Text, replacing a string with a Y.Text of the same content first, in one
 * transaction. Two editors converting at once each create one; the map keeps one of them.
 */
export function convertText(map: Y.Map<unknown>, field: string): Y.Text {
  const existing = textOf(map, field);
  if (existing) return existing;
  const text = new Y.Text(readText(map.get(field)));
  const write = () => map.set(field, text);
  if (map.doc) map.doc.transact(write);
  else write();
  return text;
}

export function convertEventText(map: Y.Map<unknown>, field: EventTextField): Y.Text {
  return convertText(map, field);
}

/** A caret or selection in a Y.Text as two encoded relative positions, which survive others' edits. */
export interface TextRange {
  anchor: string;
  head: string;
}

/** Encodes the selection [anchor, head] of `text` (indexes in its current content). */
export function encodeTextRange(text: Y.Text, anchor: number, head: number): TextRange {
  const encode = (index: number) =>
    toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
  return { anchor: encode(anchor), head: encode(head) };
}

/** The indexes in `text` a range points at now, or null when it belongs to another text. */
export function decodeTextRange(
  text: Y.Text,
  range: TextRange,
): { anchor: number; head: number } | null {
  const doc = text.doc;
  if (!doc) return null;
  const decode = (encoded: string) => {
    try {
      const position = Y.createAbsolutePositionFromRelativePosition(
        Y.decodeRelativePosition(fromBase64(encoded)),
        doc,
      );
      return position?.type === text ? position.index : null;
    } catch {
      return null;
    }
  };
  const anchor = decode(range.anchor);
  const head = decode(range.head);
  return anchor === null || head === null ? null : { anchor, head };
}
