import * as Y from 'yjs';
import type { z } from 'zod';
import { CALENDAR_SCHEMA_VERSION, EVENT_KINDS, EVENTS_MAP, META_MAP } from './calendar-document.js';
import { CAST_MAP } from './cast-document.js';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { OrderKeySchema } from './order-key.js';
import { paletteKey, SETTINGS_MAP, WorkingDaysSchema } from './schedule-settings.js';
import { CallTimeSchema } from './shoot-day.js';
import {
  DAY_NIGHT_VALUES,
  INT_EXT_VALUES,
  STRIP_CAST_KEY,
  STRIP_KINDS,
  STRIPS_MAP,
} from './strip-document.js';
import { HexColourSchema, PALETTE_PRESET_NAMES, PALETTE_SLOTS } from './strip-palette.js';
import { NameSchema } from './text-rules.js';
import { isIanaTimeZone } from './time-zone.js';

/** How one value of the document is checked; `write` restricts changing it once it is set. */
export type FieldRule = (
  | {
      type: 'string';
      minLength?: number;
      maxLength: number;
      /** Also accepted as a Y.Text of at most `maxLength` characters. */
      text?: boolean;
    }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'timeZone' }
  /** A value this zod schema parses unchanged: a rule declared elsewhere in domain. */
  | { type: 'parsed'; schema: z.ZodType }
  /** Any JSON value or Y type whose content measures at most `maxLength` characters of JSON. */
  | { type: 'any'; maxLength: number }
  | MapRule
) & {
  /** `once`: only while unset; `raise`: only to a greater number. */
  write?: 'once' | 'raise';
};

/** A Y.Map: known keys each with their rule, every other key with `otherKeys` (null refuses it). */
export interface MapRule {
  type: 'map';
  /** Live entries at most. */
  maxEntries: number;
  /** Characters of a key at most. */
  maxKeyLength: number;
  fields?: Readonly<Record<string, FieldRule>>;
  otherKeys: FieldRule | null;
}

const L = DOCUMENT_LIMITS;
const text = (maxLength: number): FieldRule => ({ type: 'string', maxLength, text: true });
const time: FieldRule = { type: 'string', maxLength: L.eventTimeLength };
const callTime: FieldRule = { type: 'parsed', schema: CallTimeSchema };
/** What keys from newer clients may hold. */
const unknownValue: FieldRule = { type: 'any', maxLength: L.unknownValueLength };

/**
 * One event: the documented fields are checked (a shoot day's four among them); keys from
 * newer clients are allowed, capped.
 */
export const EVENT_RULE: MapRule = {
  type: 'map',
  maxEntries: L.eventKeys,
  maxKeyLength: L.unknownKeyLength,
  fields: {
    title: text(L.eventTitleLength),
    kind: { type: 'enum', values: EVENT_KINDS },
    start: time,
    end: time,
    allDay: { type: 'boolean' },
    location: text(L.eventLocationLength),
    notes: text(L.eventNotesLength),
    unit: { type: 'string', maxLength: L.unitLength },
    crewCall: callTime,
    shootingCall: callTime,
    estWrap: callTime,
  },
  otherKeys: unknownValue,
};

/** One strip (a scene or a banner); its cast is a map of cast id → `true`. */
export const STRIP_RULE: MapRule = {
  type: 'map',
  maxEntries: L.stripKeys,
  maxKeyLength: L.unknownKeyLength,
  fields: {
    kind: { type: 'enum', values: STRIP_KINDS },
    scene: { type: 'string', maxLength: L.sceneLength },
    intExt: { type: 'enum', values: INT_EXT_VALUES },
    dayNight: { type: 'enum', values: DAY_NIGHT_VALUES },
    set: text(L.stripSetLength),
    location: text(L.stripLocationLength),
    synopsis: text(L.stripSynopsisLength),
    text: text(L.bannerTextLength),
    eighths: { type: 'integer', min: 0, max: L.stripEighths },
    estMinutes: { type: 'integer', min: 0, max: L.stripMinutes },
    scriptPage: { type: 'string', maxLength: L.scriptPageLength },
    dayId: { type: 'string', maxLength: L.eventIdLength },
    order: { type: 'parsed', schema: OrderKeySchema },
    [STRIP_CAST_KEY]: {
      type: 'map',
      maxEntries: L.stripCast,
      maxKeyLength: L.castIdLength,
      otherKeys: { type: 'boolean' },
    },
  },
  otherKeys: unknownValue,
};

/** One cast member. */
export const CAST_MEMBER_RULE: MapRule = {
  type: 'map',
  maxEntries: L.castKeys,
  maxKeyLength: L.unknownKeyLength,
  fields: {
    number: { type: 'string', maxLength: L.castNumberLength },
    name: { type: 'string', maxLength: L.castNameLength },
    character: { type: 'string', maxLength: L.castNameLength },
  },
  otherKeys: unknownValue,
};

/** The schedule's settings: the palette, the working week, and room for later rules. */
export const SETTINGS_RULE: MapRule = {
  type: 'map',
  maxEntries: L.settingsKeys,
  maxKeyLength: L.unknownKeyLength,
  fields: {
    palettePreset: { type: 'enum', values: PALETTE_PRESET_NAMES },
    workingDays: { type: 'parsed', schema: WorkingDaysSchema },
    ...Object.fromEntries(
      PALETTE_SLOTS.map((slot) => [paletteKey(slot), { type: 'parsed', schema: HexColourSchema }]),
    ),
  },
  otherKeys: unknownValue,
};

/** The root types a document may hold, each a Y.Map; nothing else is accepted at the root. */
export const DOCUMENT_SCHEMA: Readonly<Record<string, MapRule>> = {
  [META_MAP]: {
    type: 'map',
    maxEntries: 3,
    maxKeyLength: 16,
    fields: {
      schemaVersion: { type: 'integer', min: 1, max: CALENDAR_SCHEMA_VERSION, write: 'raise' },
      name: { type: 'parsed', schema: NameSchema, write: 'once' },
      // Follows the API's calendar record, whose zone owners and editors may change.
      timezone: { type: 'timeZone' },
    },
    otherKeys: null,
  },
  [EVENTS_MAP]: {
    type: 'map',
    maxEntries: L.events,
    maxKeyLength: L.eventIdLength,
    otherKeys: EVENT_RULE,
  },
  [STRIPS_MAP]: {
    type: 'map',
    maxEntries: L.strips,
    maxKeyLength: L.stripIdLength,
    otherKeys: STRIP_RULE,
  },
  [CAST_MAP]: {
    type: 'map',
    maxEntries: L.castMembers,
    maxKeyLength: L.castIdLength,
    otherKeys: CAST_MEMBER_RULE,
  },
  [SETTINGS_MAP]: SETTINGS_RULE,
};

/** Which limit an update broke (docs/document-schema.md, "Limits"). */
export type DocumentLimit =
  'updateBytes' | 'documentBytes' | 'root' | 'key' | 'value' | 'entries' | 'rewrite';

export type UpdateCheck =
  | { status: 'accept'; deletesOnly: boolean }
  /** Nothing over a limit so far, but it builds on content neither the document nor it holds. */
  | { status: 'incomplete' }
  /** `path` names the place by the schema's words (`events.*.title`), never by content. */
  | { status: 'refuse'; limit: DocumentLimit; path: string };

/** An update as `Y.decodeUpdate` reads it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export interface UpdateCheckOptions {
  /** The document's encoded size if the caller keeps track of it; otherwise it is measured. */
  documentBytes?: number;
  /** The update already decoded (a relay decodes each frame to validate it): not decoded again. */
  decoded?: DecodedUpdate;
}

type Refusal = Extract<UpdateCheck, { status: 'refuse' }>;
type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = DecodedUpdate['ds'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their events
type TypeValue = Y.AbstractType<any>;

type ParentRef =
  | { kind: 'root'; name: string; key: string | null }
  | { kind: 'type'; type: TypeValue; key: string | null }
  /** A type created by an item of this update. */
  | { kind: 'new'; item: Y.Item; key: string | null }
  | { kind: 'missing' }
  /** Yjs drops the item: it goes under garbage-collected content. */
  | { kind: 'discarded' };

interface MapPlace {
  kind: 'map';
  rule: MapRule;
  path: string;
  /** The map as the document holds it; null when this update creates it. */
  map: TypeValue | null;
  /** Keys this update sets that the map does not hold live; null until there is one. */
  newKeys: Set<string> | null;
}

/** A text field held as Y.Text, or an unknown value held as a Y type: its size is summed. */
interface SlotPlace {
  kind: 'slot';
  text: boolean;
  max: number;
  path: string;
  size: number;
  /** The Y.Text as the document holds it, whose characters this update may delete. */
  existing: Y.Text | null;
  /** Whether this update puts content in it, so its size is checked at the end. */
  written: boolean;
}

type Place = MapPlace | SlotPlace | Refusal | { kind: 'missing' } | { kind: 'discarded' };

const MISSING = { kind: 'missing' } as const;
const DISCARDED = { kind: 'discarded' } as const;
/** Marks an item whose parent is being looked for, so that a loop of neighbours ends. */
const VISITING: ParentRef = { kind: 'missing' };
/** Types nested deeper than this are refused: the schema needs three levels (a strip's cast). */
const MAX_DEPTH = 16;

function refuse(limit: DocumentLimit, path: string): Refusal {
  return { status: 'refuse', limit, path };
}

/** A refusal of one entry of a map; its path is only spelt out here, as most entries pass. */
function refuseEntry(limit: DocumentLimit, place: MapPlace, key: string): Refusal {
  return refuse(limit, `${place.path}.${label(place.rule, key)}`);
}

function mapPlace(rule: MapRule, path: string, map: TypeValue | null): MapPlace {
  return { kind: 'map', rule, path, map, newKeys: null };
}

function isRefusal(place: Place | ParentRef): place is Refusal {
  return 'status' in place;
}

function ruleFor(rule: MapRule, key: string): FieldRule | null {
  if (rule.fields && Object.hasOwn(rule.fields, key)) return rule.fields[key]!;
  return rule.otherKeys;
}

function label(rule: MapRule, key: string): string {
  if (rule.fields && Object.hasOwn(rule.fields, key)) return key;
  return rule.fields ? '(unknown key)' : '*';
}

/** The longest JSON of a finite number (`-1.7976931348623157e+308`). */
const MAX_NUMBER_JSON_LENGTH = 24;

/** Whether `value`'s JSON is at most `max` characters, without writing it when that is plain. */
function fitsJson(value: unknown, max: number): boolean {
  // Edits carry timestamps and other floats, whose decimal form costs more than the rest.
  if (typeof value === 'number' && max >= MAX_NUMBER_JSON_LENGTH) return true;
  return jsonLength(value) <= max;
}

function jsonLength(value: unknown): number {
  // Most values are numbers, booleans or short strings: no need to stringify them.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (value === null) return 4;
  try {
    const json = JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'bigint' ? item.toString() : item,
    ) as string | undefined;
    return json?.length ?? 0;
  } catch {
    return Infinity;
  }
}

function valueFits(rule: FieldRule, value: unknown): boolean {
  switch (rule.type) {
    case 'string':
      return (
        typeof value === 'string' &&
        value.length <= rule.maxLength &&
        value.length >= (rule.minLength ?? 0)
      );
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= rule.min &&
        value <= rule.max
      );
    case 'timeZone':
      return typeof value === 'string' && isIanaTimeZone(value);
    case 'parsed': {
      // Unchanged by parsing (a list compared by its JSON): what is stored is what was checked.
      const parsed = rule.schema.safeParse(value);
      return (
        parsed.success &&
        (parsed.data === value ||
          (typeof value === 'object' && JSON.stringify(parsed.data) === JSON.stringify(value)))
      );
    }
    case 'any':
      return fitsJson(value, rule.maxLength);
    case 'map':
      return false;
  }
}

function contentSize(content: Y.Item['content']): number {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
    return content.getContent().reduce((sum: number, value) => sum + jsonLength(value), 0);
  if (content instanceof Y.ContentBinary) return content.content.byteLength;
  if (content instanceof Y.ContentString) return content.str.length;
  if (content instanceof Y.ContentEmbed) return jsonLength(content.embed);
  if (content instanceof Y.ContentFormat) return content.key.length + jsonLength(content.value);
  if (content instanceof Y.ContentType) return 2;
  return 0;
}

function liveEntries(map: TypeValue | null): number {
  let count = 0;
  for (const item of map?._map.values() ?? []) if (!item.deleted) count += 1;
  return count;
}

function isLive(map: TypeValue, key: string): boolean {
  const item = map._map.get(key);
  return item !== undefined && !item.deleted;
}

/**
 * Checks an update against the document schema's limits without applying it: each new item's
 * parent (a root name, or an item of the document or of the update), key, value type and size,
 * the entries per map, the update's and the document's bytes. Updates that only delete pass.
 */
export function checkDocumentUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  options: UpdateCheckOptions = {},
): UpdateCheck {
  if (update.byteLength > L.updateBytes) return refuse('updateBytes', 'update');
  const { structs, ds } = options.decoded ?? Y.decodeUpdate(update);
  const check = new UpdateChecker(doc, structs, ds).run();
  if (check.status !== 'accept' || check.deletesOnly) return check;
  const documentBytes = options.documentBytes ?? Y.encodeStateAsUpdate(doc).byteLength;
  if (documentBytes + update.byteLength > L.documentBytes)
    return refuse('documentBytes', 'document');
  return check;
}

class UpdateChecker {
  readonly #doc: Y.Doc;
  readonly #structs: Struct[];
  readonly #deletes: DeleteSet;
  // As few collections as will do: this runs for every update a writer sends.
  readonly #byClient = new Map<number, Struct[]>();
  readonly #parents = new Map<Y.Item, ParentRef>();
  /** Places found so far: of a root (by name), a stored type, or a type this update creates. */
  readonly #places = new Map<string | TypeValue | Y.Item, Place>();
  /** Maps that gain keys, and slots that gain content, to be measured once all is seen. */
  readonly #grown: (MapPlace | SlotPlace)[] = [];
  #incomplete = false;

  constructor(doc: Y.Doc, structs: Struct[], deletes: DeleteSet) {
    this.#doc = doc;
    this.#structs = structs;
    this.#deletes = deletes;
    for (const struct of structs) {
      const list = this.#byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.#byClient.set(struct.id.client, [struct]);
    }
  }

  run(): UpdateCheck {
    this.#findGaps();
    let deletesOnly = true;
    for (const struct of this.#structs) {
      if (!(struct instanceof Y.Item)) continue;
      const known = Y.getState(this.#doc.store, struct.id.client);
      if (struct.id.clock + struct.length <= known) continue;
      deletesOnly = false;
      const refusal = this.#checkItem(struct);
      if (refusal) return refusal;
    }
    for (const place of this.#grown) {
      if (place.kind === 'slot') {
        // Counted only near the limit: replacing text deletes as much as it inserts.
        if (place.size > place.max && place.size - this.#deletedFrom(place) > place.max)
          return refuse('value', place.path);
        continue;
      }
      // Counted only near the limit: a map's keys, deleted ones included, bound its live ones,
      // and counting those walks every entry (a calendar's thousands of events) on each edit.
      const added = place.newKeys!.size;
      const bound = (place.map?._map.size ?? 0) + added;
      if (bound > place.rule.maxEntries && liveEntries(place.map) + added > place.rule.maxEntries)
        return refuse('entries', place.path);
    }
    return this.#incomplete ? { status: 'incomplete' } : { status: 'accept', deletesOnly };
  }

  /** Characters of the slot's stored text that this update deletes. */
  #deletedFrom(slot: SlotPlace): number {
    let deleted = 0;
    for (let item = slot.existing?._start ?? null; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      const ranges = this.#deletes.clients.get(item.id.client) ?? [];
      const start = item.id.clock;
      const end = start + item.length;
      for (const range of ranges)
        deleted += Math.max(
          0,
          Math.min(end, range.clock + range.len) - Math.max(start, range.clock),
        );
    }
    return deleted;
  }

  /** Structs past a gap in their client's clock wait for it in Yjs: the update is incomplete. */
  #findGaps(): void {
    for (const structs of this.#byClient.values()) {
      let next = Y.getState(this.#doc.store, structs[0]!.id.client);
      for (const struct of structs) {
        if (struct.id.clock > next) this.#incomplete = true;
        if (!(struct instanceof Y.Skip)) next = Math.max(next, struct.id.clock + struct.length);
      }
    }
  }

  /** The struct holding `id`, in the document first; null when neither holds it. */
  #locate(id: Y.ID): { struct: Y.Item | Y.GC; stored: boolean } | null {
    if (id.clock < Y.getState(this.#doc.store, id.client)) {
      return { struct: Y.getItem(this.#doc.store, id) as Y.Item | Y.GC, stored: true };
    }
    const structs = this.#byClient.get(id.client) ?? [];
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = structs[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct instanceof Y.Skip ? null : { struct, stored: false };
    }
    return null;
  }

  /** As Yjs integrates it: an explicit parent, or the parent of the item to the left or right. */
  #parentOf(item: Y.Item): ParentRef {
    const chain: Y.Item[] = [];
    let current = item;
    let ref: ParentRef;
    for (;;) {
      const known = this.#parents.get(current);
      if (known) {
        ref = known === VISITING ? MISSING : known;
        break;
      }
      chain.push(current);
      this.#parents.set(current, VISITING);
      const parent = current.parent as unknown as string | Y.ID | null;
      if (typeof parent === 'string') {
        ref = { kind: 'root', name: parent, key: current.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        ref = this.#typeAt(parent, current.parentSub);
        break;
      }
      const left = current.origin ? this.#locate(current.origin) : undefined;
      const right = current.rightOrigin ? this.#locate(current.rightOrigin) : undefined;
      if (left === null || right === null) {
        ref = MISSING;
        break;
      }
      const neighbour = left?.struct ?? right?.struct;
      if (
        left?.struct instanceof Y.GC ||
        right?.struct instanceof Y.GC ||
        !(neighbour instanceof Y.Item)
      ) {
        ref = DISCARDED;
        break;
      }
      if ((left ?? right)!.stored) {
        ref = { kind: 'type', type: neighbour.parent as TypeValue, key: neighbour.parentSub };
        break;
      }
      current = neighbour;
    }
    for (const each of chain) this.#parents.set(each, ref);
    return ref;
  }

  #typeAt(id: Y.ID, key: string | null): ParentRef {
    const found = this.#locate(id);
    if (!found) return MISSING;
    const { struct } = found;
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return DISCARDED;
    return found.stored
      ? { kind: 'type', type: struct.content.type, key }
      : { kind: 'new', item: struct, key };
  }

  #placeOfRef(ref: ParentRef, depth: number): Place {
    if (ref.kind === 'root') return this.#rootPlace(ref.name);
    if (ref.kind === 'type') return this.#placeOfType(ref.type, depth);
    if (ref.kind === 'new') return this.#placeOfNewType(ref.item, depth);
    return ref;
  }

  #rootPlace(name: string): Place {
    let place = this.#places.get(name);
    if (!place) {
      const rule = Object.hasOwn(DOCUMENT_SCHEMA, name) ? DOCUMENT_SCHEMA[name] : undefined;
      place = rule
        ? mapPlace(rule, name, this.#doc.share.get(name) ?? null)
        : refuse('root', '(unknown root)');
      this.#places.set(name, place);
    }
    return place;
  }

  /** Where a type the document holds sits in the schema, found by walking up to its root. */
  #placeOfType(type: TypeValue, depth: number): Place {
    let place = this.#places.get(type);
    if (place) return place;
    const item = type._item;
    if (!item) place = this.#rootPlace(Y.findRootTypeKey(type));
    else if (depth > MAX_DEPTH) place = refuse('value', 'nesting');
    else {
      const container = this.#placeOfType(item.parent as TypeValue, depth + 1);
      place = this.#nested(container, item.parentSub, type, type);
    }
    this.#places.set(type, place);
    return place;
  }

  #placeOfNewType(item: Y.Item, depth: number): Place {
    let place = this.#places.get(item);
    if (place) return place;
    if (depth > MAX_DEPTH) place = refuse('value', 'nesting');
    else {
      const ref = this.#parentOf(item);
      const container = this.#placeOfRef(ref, depth + 1);
      const key = 'key' in ref ? ref.key : null;
      place = this.#nested(container, key, (item.content as Y.ContentType).type, null);
    }
    this.#places.set(item, place);
    return place;
  }

  /** The place of a Y type stored at `key` of `container`. */
  #nested(
    container: Place,
    key: string | null,
    type: TypeValue,
    existing: TypeValue | null,
  ): Place {
    if (isRefusal(container) || container.kind === 'missing' || container.kind === 'discarded')
      return container;
    if (container.kind === 'slot')
      return container.text ? refuse('value', container.path) : container;
    if (key === null) return refuse('value', container.path);
    const rule = ruleFor(container.rule, key);
    const path = `${container.path}.${label(container.rule, key)}`;
    if (!rule) return refuse('key', path);
    if (rule.type === 'map') {
      return type.constructor === Y.Map ? mapPlace(rule, path, existing) : refuse('value', path);
    }
    if (rule.type === 'string' && rule.text && type.constructor === Y.Text) {
      const size = existing ? (existing as Y.Text).length : 0;
      return {
        kind: 'slot',
        text: true,
        max: rule.maxLength,
        path,
        size,
        existing: existing as Y.Text | null,
        written: false,
      };
    }
    if (rule.type === 'any') {
      const size = existing ? jsonLength(existing.toJSON()) : 0;
      return {
        kind: 'slot',
        text: false,
        max: rule.maxLength,
        path,
        size,
        existing: null,
        written: false,
      };
    }
    return refuse('value', path);
  }

  #checkItem(item: Y.Item): Refusal | null {
    const ref = this.#parentOf(item);
    const place = this.#placeOfRef(ref, 0);
    if (isRefusal(place)) return place;
    if (place.kind === 'missing') this.#incomplete = true;
    if (place.kind !== 'map' && place.kind !== 'slot') return null;
    const key = 'key' in ref ? ref.key : null;
    return place.kind === 'map'
      ? this.#checkEntry(place, key, item)
      : this.#checkInSlot(place, key, item);
  }

  #checkEntry(place: MapPlace, key: string | null, item: Y.Item): Refusal | null {
    if (key === null) return refuse('value', place.path);
    if (key.length > place.rule.maxKeyLength) return refuse('key', place.path);
    const { content } = item;
    // A tombstone: it holds no value, only the key.
    if (content instanceof Y.ContentDeleted) return null;
    const rule = ruleFor(place.rule, key);
    if (!rule) return refuseEntry('key', place, key);
    if (content instanceof Y.ContentType) {
      const nested = this.#placeOfNewType(item, 0);
      if (isRefusal(nested)) return nested;
    } else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
      const values: unknown[] = content.getContent();
      for (const value of values)
        if (!valueFits(rule, value)) return refuseEntry('value', place, key);
      if (rule.write && place.map && !mayWrite(rule, place.map, key, values))
        return refuseEntry('rewrite', place, key);
    } else if (!(content instanceof Y.ContentBinary && rule.type === 'any')) {
      return refuseEntry('value', place, key);
    } else if (content.content.byteLength > rule.maxLength) {
      return refuseEntry('value', place, key);
    }
    if (!place.map || !isLive(place.map, key)) {
      if (!place.newKeys) {
        place.newKeys = new Set();
        this.#grown.push(place);
      }
      place.newKeys.add(key);
    }
    return null;
  }

  #checkInSlot(slot: SlotPlace, key: string | null, item: Y.Item): Refusal | null {
    const { content } = item;
    if (slot.text) {
      if (key !== null) return refuse('value', slot.path);
      if (content instanceof Y.ContentDeleted) return null;
      if (!(content instanceof Y.ContentString)) return refuse('value', slot.path);
    } else if (content instanceof Y.ContentDoc) {
      return refuse('value', slot.path);
    } else if (content instanceof Y.ContentType) {
      const nested = this.#placeOfNewType(item, 0);
      if (isRefusal(nested)) return nested;
    }
    slot.size += (key?.length ?? 0) + contentSize(content);
    if (!slot.written) {
      slot.written = true;
      this.#grown.push(slot);
    }
    return null;
  }
}

/** Whether a `write`-restricted key may take these values, given what the map holds. */
function mayWrite(rule: FieldRule, map: TypeValue, key: string, values: unknown[]): boolean {
  const previous = map._map.get(key);
  if (!previous) return true;
  // Set once and then deleted still counts as set: otherwise delete-then-set rewrites it.
  if (previous.deleted) return false;
  const current: unknown = previous.content.getContent().at(-1);
  // A value written before the rule existed may be repaired.
  if (!valueFits(rule, current)) return true;
  return values.every(
    (value) =>
      value === current ||
      (rule.write === 'raise' && typeof value === 'number' && value > (current as number)),
  );
}
