import * as Y from 'yjs';
import { z } from 'zod';
import {
  createEvent,
  eventsMap,
  newEventId,
  readEvent,
  type CalendarEvent,
} from './calendar-document.js';
import { compareCodeUnits, readEntries, readStringField, writeFields } from './document-fields.js';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { addDays, dateOf } from './local-time.js';

/**
 * Shoot days (schema version 2, docs/document-schema.md "Shoot days"): the `events` of kind
 * `shoot`, with four optional fields of their own. A day's date is the date of its start; its
 * number ("Day 12 of 40") is derived from date order within its unit, never stored
 * (stripboard.ts).
 */
export const DEFAULT_UNIT = 'Main';

export const SHOOT_DAY_FIELDS = ['unit', 'crewCall', 'shootingCall', 'estWrap'] as const;

/** A call time on the calendar's wall clock, `HH:mm`. */
export const CALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `HH:mm`, or '' for a time not set yet. */
export const CallTimeSchema = z.union([z.literal(''), z.string().regex(CALL_TIME)]);

export const ShootDayFieldsSchema = z.object({
  /** The unit shooting the day: `Main`, `2nd Unit`, `Splinter`. */
  unit: z
    .string()
    .min(1)
    .max(DOCUMENT_LIMITS.unitLength)
    .refine((unit) => unit.trim() === unit, 'must not start or end with a space'),
  /** When the crew is called. */
  crewCall: CallTimeSchema,
  /** When the first shot is meant to roll. */
  shootingCall: CallTimeSchema,
  /** The estimated wrap. */
  estWrap: CallTimeSchema,
});

export type ShootDayFields = z.infer<typeof ShootDayFieldsSchema>;

export interface ShootDay extends CalendarEvent, ShootDayFields {
  /** `YYYY-MM-DD`, the date of the start. */
  date: string;
}

function readCallTime(map: Y.Map<unknown>, key: string): string {
  const value = readStringField(map, key);
  return CALL_TIME.test(value) ? value : '';
}

/** Reads an event as a shoot day; a missing or blank unit is the main unit. */
export function readShootDay(id: string, map: Y.Map<unknown>): ShootDay {
  const event = readEvent(id, map);
  const unit = readStringField(map, 'unit').trim();
  return {
    ...event,
    date: dateOf(event.start),
    unit: unit === '' ? DEFAULT_UNIT : unit,
    crewCall: readCallTime(map, 'crewCall'),
    shootingCall: readCallTime(map, 'shootingCall'),
    estWrap: readCallTime(map, 'estWrap'),
  };
}

/** Every shoot day, by start and then id (each unit's date order is its numbering). */
export function readShootDays(doc: Y.Doc): ShootDay[] {
  const days = readEntries(eventsMap(doc), (id, map) =>
    map.get('kind') === 'shoot' ? readShootDay(id, map) : undefined,
  );
  return days.sort((a, b) => compareCodeUnits(a.start, b.start) || compareCodeUnits(a.id, b.id));
}

export interface NewShootDay extends Partial<ShootDayFields> {
  /** `YYYY-MM-DD`. */
  date: string;
  title?: string;
  location?: string;
  notes?: string;
}

/**
 * Adds a shoot day as an all-day `shoot` event on `date` with the four day fields, in one
 * transaction; throws a ZodError for invalid fields.
 */
export function createShootDay(doc: Y.Doc, day: NewShootDay, id: string = newEventId()): string {
  const fields = ShootDayFieldsSchema.parse({
    unit: day.unit ?? DEFAULT_UNIT,
    crewCall: day.crewCall ?? '',
    shootingCall: day.shootingCall ?? '',
    estWrap: day.estWrap ?? '',
  });
  doc.transact(() => {
    createEvent(
      doc,
      {
        title: day.title ?? `Shoot day (${fields.unit})`,
        kind: 'shoot',
        start: day.date,
        end: addDays(day.date, 1),
        allDay: true,
        location: day.location ?? '',
        notes: day.notes ?? '',
      },
      id,
    );
    const map = eventsMap(doc).get(id)!;
    for (const key of SHOOT_DAY_FIELDS) map.set(key, fields[key]);
  });
  return id;
}

/** Changes only the given day fields; false when the event does not exist. */
export function updateShootDay(doc: Y.Doc, id: string, patch: Partial<ShootDayFields>): boolean {
  const map = eventsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  const { unit, crewCall, shootingCall, estWrap } = readShootDay(id, map);
  ShootDayFieldsSchema.parse({ unit, crewCall, shootingCall, estWrap, ...patch });
  doc.transact(() => writeFields(map, patch, SHOOT_DAY_FIELDS));
  return true;
}
