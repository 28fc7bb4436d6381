import * as Y from 'yjs';
import {
  EVENT_FIELDS,
  readEvents,
  type CalendarEvent,
  type CalendarEventFields,
} from './calendar-document.js';

type Field = keyof CalendarEventFields;
type FieldValue = CalendarEventFields[Field];

/**
 * An edit of this tab's that is not in the shared document: refused by the server (a demotion,
 * a document limit), or outvoted in the merge after working offline.
 */
export type LostEdit =
  | {
      /** A field whose value is not yours. */
      kind: 'field';
      eventId: string;
      title: string;
      field: Field;
      yours: FieldValue;
      kept: FieldValue;
    }
  /** An event you added. */
  | { kind: 'created'; eventId: string; title: string }
  /** An event you deleted, which stays. */
  | { kind: 'deleted'; eventId: string; title: string }
  /** An event you edited offline that someone else deleted meanwhile. */
  | { kind: 'deleted-by-other'; eventId: string; title: string; field: Field; yours: FieldValue };

/** One field set by this tab while it was not connected, to compare with the merge later. */
export interface OfflineEdit {
  eventId: string;
  field: Field;
  value: FieldValue;
  /** The event's title when edited, to name it if it is gone after the merge. */
  title: string;
  /** When it was set (ms since the epoch). */
  at: number;
}

function compareEvents(yours: CalendarEvent[], kept: CalendarEvent[]): LostEdit[] {
  const keptById = new Map(kept.map((event) => [event.id, event]));
  const lost: LostEdit[] = [];
  for (const event of yours) {
    const current = keptById.get(event.id);
    keptById.delete(event.id);
    if (!current) {
      lost.push({ kind: 'created', eventId: event.id, title: event.title });
      continue;
    }
    for (const field of EVENT_FIELDS) {
      if (event[field] === current[field]) continue;
      lost.push({
        kind: 'field',
        eventId: event.id,
        title: current.title,
        field,
        yours: event[field],
        kept: current[field],
      });
    }
  }
  for (const event of keptById.values())
    lost.push({ kind: 'deleted', eventId: event.id, title: event.title });
  return lost;
}

/**
 * What `local` holds that `server` lacks, as the user would describe it. Only content the
 * server does not have counts: `local` is laid over `server`, and whatever that changes is
 * unsaved, so edits others made since (on the server only) are never mistaken for yours.
 */
export function findUnsavedEdits(server: Y.Doc, local: Y.Doc): LostEdit[] {
  const withLocal = new Y.Doc();
  try {
    Y.applyUpdate(withLocal, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(withLocal, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)));
    return compareEvents(readEvents(withLocal), readEvents(server));
  } finally {
    withLocal.destroy();
  }
}

/** Adds an offline edit, replacing an earlier one of the same field: only the last counts. */
export function recordOfflineEdit(edits: readonly OfflineEdit[], edit: OfflineEdit): OfflineEdit[] {
  return [...edits.filter((e) => e.eventId !== edit.eventId || e.field !== edit.field), edit];
}

/**
 * The offline edits the merged document does not show: another value won the field, or the
 * event was deleted by someone else (told once per event).
 */
export function findOfflineConflicts(
  edits: readonly OfflineEdit[],
  merged: readonly CalendarEvent[],
): LostEdit[] {
  const byId = new Map(merged.map((event) => [event.id, event]));
  const told = new Set<string>();
  const lost: LostEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.at - b.at)) {
    const event = byId.get(edit.eventId);
    if (!event) {
      if (told.has(edit.eventId)) continue;
      told.add(edit.eventId);
      const { eventId, title, field, value } = edit;
      lost.push({ kind: 'deleted-by-other', eventId, title, field, yours: value });
    } else if (event[edit.field] !== edit.value) {
      lost.push({
        kind: 'field',
        eventId: edit.eventId,
        title: event.title,
        field: edit.field,
        yours: edit.value,
        kept: event[edit.field],
      });
    }
  }
  return lost;
}

const FIELD_NAMES: Record<Field, string> = {
  title: 'title',
  kind: 'kind',
  start: 'start',
  end: 'end',
  allDay: 'all day',
  location: 'location',
  notes: 'notes',
};

function showValue(value: FieldValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === '') return '(empty)';
  // Local date-times read better with a space than with the ISO "T".
  return value.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/, '$1 $2');
}

/** A lost edit in one line for the user: the event, the field, and what became of it. */
export function describeLostEdit(edit: LostEdit): string {
  const title = edit.title.trim() || 'Untitled event';
  switch (edit.kind) {
    case 'field':
      return `${title}: ${FIELD_NAMES[edit.field]} (yours: ${showValue(edit.yours)}, kept: ${showValue(edit.kept)})`;
    case 'created':
      return `${title}: the new event`;
    case 'deleted':
      return `${title}: your deletion (the event stays)`;
    case 'deleted-by-other':
      return `${title}: ${FIELD_NAMES[edit.field]} (yours: ${showValue(edit.yours)}): deleted by someone else`;
  }
}
