import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { z } from 'zod';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { readEntries, readEnumField, readStringField, writeFields } from './document-fields.js';
import { EVENT_TEXT_FIELDS } from './event-text.js';
import { isLocalDate, isLocalDateTime, toWallMinutes } from './local-time.js';

/**
 * Schema version 2 of a calendar's Yjs document (docs/document-schema.md):
 * `meta` holds schemaVersion, name and timezone; `events` maps an event id to a Y.Map of
 * fields. Version 2 adds the stripboard: `strips`, `cast` and `settings` (their own modules)
 * and the shoot-day fields of `shoot` events. Writers touch only the keys they change, so
 * unknown keys from newer clients survive.
 */
export const CALENDAR_SCHEMA_VERSION = 2;
export const META_MAP = 'meta';
export const EVENTS_MAP = 'events';

export const EVENT_KINDS = [
  'shoot',
  'prep',
  'rehearsal',
  'travel',
  'meeting',
  'hold',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The documented fields of an event, in document order. */
export const EVENT_FIELDS = [
  'title',
  'kind',
  'start',
  'end',
  'allDay',
  'location',
  'notes',
] as const;

/**
 * What the user reads when an event's times are refused: whole sentences in plain words, shown
 * as they are. All-day events are edited as a first and a last day (the stored end is the day after).
 */
const TIMED_MESSAGES = {
  start: 'Enter a start date and time',
  end: 'Enter an end date and time',
  order: 'End must be after the start',
} as const;
const ALL_DAY_MESSAGES = {
  start: 'Enter a start date',
  end: 'Enter a last day',
  order: 'The last day cannot be before the start date',
} as const;

export const CalendarEventFieldsSchema = z
  .object({
    title: z.string().max(DOCUMENT_LIMITS.eventTitleLength),
    kind: z.enum(EVENT_KINDS),
    start: z.string().max(DOCUMENT_LIMITS.eventTimeLength),
    end: z.string().max(DOCUMENT_LIMITS.eventTimeLength),
    allDay: z.boolean(),
    location: z.string().max(DOCUMENT_LIMITS.eventLocationLength),
    notes: z.string().max(DOCUMENT_LIMITS.eventNotesLength),
  })
  .superRefine((event, context) => {
    const valid = event.allDay ? isLocalDate : isLocalDateTime;
    const messages = event.allDay ? ALL_DAY_MESSAGES : TIMED_MESSAGES;
    for (const key of ['start', 'end'] as const) {
      if (!valid(event[key])) {
        context.addIssue({ code: 'custom', path: [key], message: messages[key] });
      }
    }
    if (
      valid(event.start) &&
      valid(event.end) &&
      toWallMinutes(event.end) <= toWallMinutes(event.start)
    ) {
      context.addIssue({ code: 'custom', path: ['end'], message: messages.order });
    }
  });

export type CalendarEventFields = z.infer<typeof CalendarEventFieldsSchema>;

export interface CalendarEvent extends CalendarEventFields {
  id: string;
}

export interface CalendarMeta {
  schemaVersion: number;
  name: string;
  timezone: string;
}

export function eventsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(EVENTS_MAP);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP);
}

/** Writes meta once, for a new document; never overwrites what another client set. */
export function initialiseMeta(doc: Y.Doc, meta: { name: string; timezone: string }): void {
  const map = metaMap(doc);
  doc.transact(() => {
    if (map.get('schemaVersion') === undefined) map.set('schemaVersion', CALENDAR_SCHEMA_VERSION);
    if (map.get('name') === undefined) map.set('name', meta.name);
    if (map.get('timezone') === undefined) map.set('timezone', meta.timezone);
  });
}

export function readMeta(doc: Y.Doc): Partial<CalendarMeta> {
  return metaMap(doc).toJSON() as Partial<CalendarMeta>;
}

/**
 * Reads one event leniently: a field of the wrong type (from a buggy or newer client) falls
 * back to a safe default instead of hiding the event. Text fields may be strings or Y.Text.
 */
export function readEvent(id: string, map: Y.Map<unknown>): CalendarEvent {
  const text = (key: string) => readStringField(map, key);
  return {
    id,
    title: text('title'),
    kind: readEnumField(map, 'kind', EVENT_KINDS, 'other'),
    start: text('start'),
    end: text('end'),
    allDay: map.get('allDay') === true,
    location: text('location'),
    notes: text('notes'),
  };
}

/** Events sorted by start, then title: what every view starts from. */
export function readEvents(doc: Y.Doc): CalendarEvent[] {
  return readEntries(eventsMap(doc), readEvent).sort(
    (a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title),
  );
}

export function newEventId(): string {
  return uuidv4();
}

/** Adds an event in one transaction; throws a ZodError for invalid fields. */
export function createEvent(
  doc: Y.Doc,
  fields: CalendarEventFields,
  id: string = newEventId(),
): string {
  const valid = CalendarEventFieldsSchema.parse(fields);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const key of EVENT_FIELDS) map.set(key, valid[key]);
    eventsMap(doc).set(id, map);
  });
  return id;
}

/**
 * Changes only the given fields (unknown keys untouched) in one transaction, after validating
 * the merged result. A text field held as a Y.Text gets the smallest change, so concurrent
 * typing in it survives. Returns false when the event does not exist (another user may have
 * deleted it).
 */
export function updateEvent(doc: Y.Doc, id: string, patch: Partial<CalendarEventFields>): boolean {
  const map = eventsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  const { id: _id, ...current } = readEvent(id, map);
  CalendarEventFieldsSchema.parse({ ...current, ...patch });
  doc.transact(() => writeFields(map, patch, EVENT_FIELDS, EVENT_TEXT_FIELDS));
  return true;
}

export function deleteEvent(doc: Y.Doc, id: string): void {
  doc.transact(() => eventsMap(doc).delete(id));
}

/** Minutes an event lasts on the wall clock; all-day events count whole days. */
export function eventDurationMinutes(event: Pick<CalendarEvent, 'start' | 'end'>): number {
  return toWallMinutes(event.end) - toWallMinutes(event.start);
}
