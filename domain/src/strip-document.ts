import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  compareCodeUnits,
  readEntries,
  readEnumField,
  readIntegerField,
  readStringField,
  writeFields,
} from './document-fields.js';
import { DOCUMENT_LIMITS } from './document-limits.js';

/**
 * The strips of a schedule (schema version 2, docs/document-schema.md "Strips"): `strips` maps a
 * strip id to a Y.Map of fields. A strip is a scene or a banner (a company move, a meal, a note).
 * Where it sits is `dayId` (a shoot day's event id, '' for the unscheduled pool) plus `order`
 * (strip-placement.ts); everything else is its content, edited here.
 */
export const STRIPS_MAP = 'strips';

export const STRIP_KINDS = ['scene', 'banner'] as const;
export type StripKind = (typeof STRIP_KINDS)[number];

export const INT_EXT = ['INT', 'EXT', 'INT/EXT'] as const;
export type IntExt = (typeof INT_EXT)[number];

export const DAY_NIGHT = ['DAY', 'NIGHT', 'DAWN', 'DUSK', 'MORNING', 'EVENING'] as const;
export type DayNight = (typeof DAY_NIGHT)[number];

/** `intExt` and `dayNight` may be '' while a scene's breakdown is unfinished. */
export const INT_EXT_VALUES = ['', ...INT_EXT] as const;
export const DAY_NIGHT_VALUES = ['', ...DAY_NIGHT] as const;

/** The pool's `dayId`: a strip not on any shoot day. */
export const POOL_DAY_ID = '';

/** The key of a strip's cast: a Y.Map of cast id → `true`, so concurrent additions all land. */
export const STRIP_CAST_KEY = 'cast';

const SCENE_CONTENT_FIELDS = [
  'kind',
  'scene',
  'intExt',
  'dayNight',
  'set',
  'location',
  'synopsis',
  'eighths',
  'estMinutes',
  'scriptPage',
] as const;

/** The plain-valued fields a new scene is written with, in document order (its cast besides). */
export const SCENE_FIELDS = [...SCENE_CONTENT_FIELDS, 'dayId', 'order'] as const;

/** The fields a new banner is written with. */
export const BANNER_FIELDS = ['kind', 'text', 'estMinutes', 'dayId', 'order'] as const;

/** Fields that hold free text: a string or a Y.Text, like an event's title. */
export const STRIP_TEXT_FIELDS = ['set', 'location', 'synopsis', 'text'] as const;
export type StripTextField = (typeof STRIP_TEXT_FIELDS)[number];

/** The content fields `updateStrip` may change (placement changes through strip-placement.ts). */
const CONTENT_FIELDS = [...SCENE_CONTENT_FIELDS, 'text'] as const;

const L = DOCUMENT_LIMITS;

export const CastIdSchema = z.string().min(1).max(L.castIdLength);

/** A strip's content, validated before it is written. */
export const StripFieldsSchema = z.object({
  kind: z.enum(STRIP_KINDS),
  /** The scene number as the script prints it: `14`, `14A`, `A14`. */
  scene: z.string().max(L.sceneLength),
  intExt: z.enum(INT_EXT_VALUES),
  dayNight: z.enum(DAY_NIGHT_VALUES),
  set: z.string().max(L.stripSetLength),
  location: z.string().max(L.stripLocationLength),
  synopsis: z.string().max(L.stripSynopsisLength),
  /** Length in eighths of a page (page-eighths.ts). */
  eighths: z.number().int().min(0).max(L.stripEighths),
  /** Estimated minutes to shoot (or, for a banner, that it takes: a meal, a move). */
  estMinutes: z.number().int().min(0).max(L.stripMinutes),
  scriptPage: z.string().max(L.scriptPageLength),
  /** A banner's text. */
  text: z.string().max(L.bannerTextLength),
  /** Cast ids (keys of `cast`) in the scene. */
  cast: z.array(CastIdSchema).max(L.stripCast),
});

export type StripFields = z.infer<typeof StripFieldsSchema>;

/** Where a strip sits: a shoot day (or the pool) and its order key there. */
export interface StripPlacement {
  dayId: string;
  order: string;
}

export interface Strip extends StripFields, StripPlacement {
  id: string;
}

const EMPTY_STRIP: StripFields = {
  kind: 'scene',
  scene: '',
  intExt: '',
  dayNight: '',
  set: '',
  location: '',
  synopsis: '',
  eighths: 0,
  estMinutes: 0,
  scriptPage: '',
  text: '',
  cast: [],
};

export function stripsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(STRIPS_MAP);
}

export function newStripId(): string {
  return uuidv4();
}

/** Cast ids whose value is `true`, sorted; anything else under `cast` reads as no cast. */
function readStripCast(map: Y.Map<unknown>): string[] {
  const cast = map.get(STRIP_CAST_KEY);
  if (!(cast instanceof Y.Map)) return [];
  const ids: string[] = [];
  cast.forEach((value, id) => {
    if (value === true) ids.push(id);
  });
  return ids.sort();
}

/** Reads one strip leniently: a bad value reads as the empty strip's, never hiding it. */
export function readStrip(id: string, map: Y.Map<unknown>): Strip {
  const text = (key: string) => readStringField(map, key);
  return {
    id,
    kind: readEnumField(map, 'kind', STRIP_KINDS, 'scene'),
    scene: text('scene'),
    intExt: readEnumField(map, 'intExt', INT_EXT_VALUES, ''),
    dayNight: readEnumField(map, 'dayNight', DAY_NIGHT_VALUES, ''),
    set: text('set'),
    location: text('location'),
    synopsis: text('synopsis'),
    eighths: readIntegerField(map, 'eighths', 0, L.stripEighths),
    estMinutes: readIntegerField(map, 'estMinutes', 0, L.stripMinutes),
    scriptPage: text('scriptPage'),
    text: text('text'),
    cast: readStripCast(map),
    dayId: text('dayId'),
    order: text('order'),
  };
}

/** Every strip, by id; where each shows is the board's business (stripboard.ts). */
export function readStrips(doc: Y.Doc): Strip[] {
  return readEntries(stripsMap(doc), readStrip).sort((a, b) => compareCodeUnits(a.id, b.id));
}

/**
 * Writes a new strip with the fields of its kind (`SCENE_FIELDS` or `BANNER_FIELDS`) at a
 * placement, in one transaction; throws a ZodError for invalid fields. Most callers want
 * `insertStrip`, which chooses the order key.
 */
export function createStrip(
  doc: Y.Doc,
  fields: Partial<StripFields>,
  placement: StripPlacement,
  id: string = newStripId(),
): string {
  const valid = StripFieldsSchema.parse({ ...EMPTY_STRIP, ...fields });
  const values: Record<string, unknown> = { ...valid, ...placement };
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    const keys = valid.kind === 'banner' ? BANNER_FIELDS : SCENE_FIELDS;
    for (const key of keys) map.set(key, values[key]);
    if (valid.kind === 'scene') {
      const cast = new Y.Map<boolean>();
      for (const castId of valid.cast) cast.set(castId, true);
      map.set(STRIP_CAST_KEY, cast);
    }
    stripsMap(doc).set(id, map);
  });
  return id;
}

/** The strip's cast map, created on first use (a banner, or a strip from an outside client). */
function castMapOf(map: Y.Map<unknown>): Y.Map<unknown> {
  const existing = map.get(STRIP_CAST_KEY);
  if (existing instanceof Y.Map) return existing;
  const cast = new Y.Map<unknown>();
  map.set(STRIP_CAST_KEY, cast);
  return cast;
}

/**
 * Changes only the given content fields (unknown keys untouched) in one transaction, after
 * validating the merged result. `cast` adds and removes only the ids that differ, so a cast
 * member another person adds meanwhile stays. Returns false when the strip does not exist.
 */
export function updateStrip(doc: Y.Doc, id: string, patch: Partial<StripFields>): boolean {
  const map = stripsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  const { id: _id, dayId: _day, order: _order, ...current } = readStrip(id, map);
  StripFieldsSchema.parse({ ...current, ...patch });
  doc.transact(() => {
    writeFields(map, patch, CONTENT_FIELDS, STRIP_TEXT_FIELDS);
    if (!patch.cast) return;
    const wanted = new Set(patch.cast);
    const cast = castMapOf(map);
    for (const castId of current.cast) if (!wanted.has(castId)) cast.delete(castId);
    for (const castId of wanted) if (cast.get(castId) !== true) cast.set(castId, true);
  });
  return true;
}

/** Adds a cast member to a strip or takes them off, touching only that entry. */
export function setStripCast(doc: Y.Doc, id: string, castId: string, onStrip: boolean): boolean {
  const map = stripsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  CastIdSchema.parse(castId);
  doc.transact(() => {
    const cast = castMapOf(map);
    if (onStrip && cast.get(castId) !== true) cast.set(castId, true);
    if (!onStrip && cast.has(castId)) cast.delete(castId);
  });
  return true;
}

/** Deletes strips in one transaction; ids already gone are skipped. */
export function deleteStrips(doc: Y.Doc, ids: Iterable<string>): void {
  const strips = stripsMap(doc);
  doc.transact(() => {
    for (const id of ids) if (strips.has(id)) strips.delete(id);
  });
}
