import * as Y from 'yjs';
import {
  readEvents,
  readMeta,
  type CalendarEvent,
  type CalendarMeta,
} from './calendar-document.js';
import { readCast, type CastMember } from './cast-document.js';
import { DOCUMENT_SCHEMA } from './document-update-check.js';
import { writeText } from './event-text.js';
import { readSettings, type ScheduleSettings } from './schedule-settings.js';
import { readShootDays, type ShootDay } from './shoot-day.js';
import { readStrips, type Strip } from './strip-document.js';

/**
 * A whole schedule as plain JSON, by the documented schema (docs/document-schema.md): what the
 * API answers for a document or a version, read by the same readers as the browser's.
 */
export interface ScheduleDocument {
  meta: Partial<CalendarMeta>;
  settings: ScheduleSettings;
  /** Every event, shoot days included (they are events of kind `shoot`). */
  events: CalendarEvent[];
  /** The shoot days with their own fields, in date order. */
  shootDays: ShootDay[];
  strips: Strip[];
  cast: CastMember[];
}

export function readScheduleDocument(doc: Y.Doc): ScheduleDocument {
  return {
    meta: readMeta(doc),
    settings: readSettings(doc),
    events: readEvents(doc),
    shootDays: readShootDays(doc),
    strips: readStrips(doc),
    cast: readCast(doc),
  };
}

/** A document decoded from encoded state (a version, or a snapshot merged with its log). */
export function documentFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function copyOf(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    value.forEach((inner, key) => copy.set(key, copyOf(inner)));
    return copy;
  }
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(copyOf) as never[]);
  return value;
}

/**
 * Makes `live` hold what `target` holds, key by key, touching only what differs: an entry
 * both have is edited in place (a text by the smallest splice), so an edit that reaches the
 * live map later, from a client that was offline, still merges field by field.
 */
function syncMap(live: Y.Map<unknown>, target: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) if (!target.has(key)) live.delete(key);
  target.forEach((wanted, key) => {
    const current = live.get(key);
    if (wanted instanceof Y.Map) {
      if (current instanceof Y.Map) syncMap(current, wanted);
      else live.set(key, copyOf(wanted));
    } else if (wanted instanceof Y.Text) {
      if (current instanceof Y.Text) {
        if (current.toString() !== wanted.toString()) writeText(current, wanted.toString());
      } else live.set(key, copyOf(wanted));
    } else if (wanted instanceof Y.Array) {
      if (!(current instanceof Y.Array) || !sameValue(current.toJSON(), wanted.toJSON()))
        live.set(key, copyOf(wanted));
    } else if (current instanceof Y.AbstractType || !sameValue(current, wanted)) {
      live.set(key, wanted);
    }
  });
}

/**
 * Restores a version as a new change: one transaction on the live document that makes every
 * documented map equal to the version's. Nothing of the history is rewritten, so clients that
 * edited offline merge on top when they return. Returns the update, or null when nothing differed.
 */
export function restoreDocument(
  live: Y.Doc,
  version: Y.Doc,
  origin: unknown = 'restore',
): Uint8Array | null {
  let update: Uint8Array | null = null;
  // Yjs emits an update only for a transaction that changed something.
  const capture = (changes: Uint8Array) => (update = changes);
  live.on('update', capture);
  try {
    live.transact(() => {
      for (const name of Object.keys(DOCUMENT_SCHEMA))
        syncMap(live.getMap(name), version.getMap(name));
    }, origin);
  } finally {
    live.off('update', capture);
  }
  return update;
}
