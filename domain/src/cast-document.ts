import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { z } from 'zod';
import { compareCodeUnits, readEntries, readStringField, writeFields } from './document-fields.js';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { STRIP_CAST_KEY, stripsMap } from './strip-document.js';

/**
 * The cast of a schedule (schema version 2, docs/document-schema.md "Cast"): `cast` maps a cast
 * id to a Y.Map with `number` (the cast ID printed on strips: `1`, `2`, `12A`), `name` (the
 * performer) and `character`. Strips refer to cast members by id.
 */
export const CAST_MAP = 'cast';

export const CAST_FIELDS = ['number', 'name', 'character'] as const;

const L = DOCUMENT_LIMITS;

export const CastMemberFieldsSchema = z.object({
  number: z.string().max(L.castNumberLength),
  name: z.string().max(L.castNameLength),
  character: z.string().max(L.castNameLength),
});

export type CastMemberFields = z.infer<typeof CastMemberFieldsSchema>;

export interface CastMember extends CastMemberFields {
  id: string;
}

export function castMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(CAST_MAP);
}

export function newCastId(): string {
  return uuidv4();
}

const numbers = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Cast numbers as a call sheet lists them: 1, 2, 10, 12A, B1. */
export function compareCastNumbers(a: string, b: string): number {
  return numbers.compare(a, b);
}

export function readCastMember(id: string, map: Y.Map<unknown>): CastMember {
  return {
    id,
    number: readStringField(map, 'number'),
    name: readStringField(map, 'name'),
    character: readStringField(map, 'character'),
  };
}

/** The cast by number, then id: the order of a strip's cast numbers and of cast lists. */
export function readCast(doc: Y.Doc): CastMember[] {
  return readEntries(castMap(doc), readCastMember).sort(
    (a, b) => compareCastNumbers(a.number, b.number) || compareCodeUnits(a.id, b.id),
  );
}

/** Adds a cast member in one transaction; throws a ZodError for invalid fields. */
export function createCastMember(
  doc: Y.Doc,
  fields: CastMemberFields,
  id: string = newCastId(),
): string {
  const valid = CastMemberFieldsSchema.parse(fields);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const key of CAST_FIELDS) map.set(key, valid[key]);
    castMap(doc).set(id, map);
  });
  return id;
}

/** Changes only the given fields; false when the cast member does not exist. */
export function updateCastMember(
  doc: Y.Doc,
  id: string,
  patch: Partial<CastMemberFields>,
): boolean {
  const map = castMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  const { id: _id, ...current } = readCastMember(id, map);
  CastMemberFieldsSchema.parse({ ...current, ...patch });
  doc.transact(() => writeFields(map, patch, CAST_FIELDS));
  return true;
}

/**
 * Deletes a cast member and takes them off every strip, in one transaction. A strip someone
 * gives them at the same moment keeps the id; readers skip ids `cast` does not hold.
 */
export function deleteCastMember(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    castMap(doc).delete(id);
    stripsMap(doc).forEach((strip) => {
      const cast = strip instanceof Y.Map ? strip.get(STRIP_CAST_KEY) : undefined;
      if (cast instanceof Y.Map && cast.has(id)) cast.delete(id);
    });
  });
}

/** The numbers of a strip's cast, in cast order, skipping ids with no cast member. */
export function castNumbersOf(castIds: readonly string[], cast: readonly CastMember[]): string[] {
  const onStrip = new Set(castIds);
  return cast.filter((member) => onStrip.has(member.id)).map((member) => member.number);
}
