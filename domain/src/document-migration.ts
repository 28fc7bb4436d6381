import type * as Y from 'yjs';
import { CALENDAR_SCHEMA_VERSION, metaMap } from './calendar-document.js';

/**
 * The schema version a document says it follows. A document without one was written by an
 * outside client or before meta existed: version 1. A value that is not a positive integer
 * (written before the relay checked meta) is also read as 1, so it gets repaired.
 */
export function documentSchemaVersion(doc: Y.Doc): number {
  const version = metaMap(doc).get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/**
 * Brings a document to `CALENDAR_SCHEMA_VERSION` in one transaction and says whether it changed
 * anything; a document already there, or newer, is left alone. Only an editor may run it (a
 * viewer's update is dropped by the relay): the caller decides, e.g. on first sync.
 *
 * Version 1 to 2 writes `meta.schemaVersion` and nothing else. Every field version 2 adds
 * (strips, cast, settings, a shoot day's unit and calls) is optional and read with a default,
 * so there is no data to convert, unknown keys stay as they are, and no default is written
 * that could overwrite a real choice made offline. Two editors migrating at once write the
 * same value, so the merge equals one migration.
 */
export function migrateDocument(doc: Y.Doc): boolean {
  if (documentSchemaVersion(doc) >= CALENDAR_SCHEMA_VERSION) return false;
  doc.transact(() => metaMap(doc).set('schemaVersion', CALENDAR_SCHEMA_VERSION));
  return true;
}
