import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CALENDAR_SCHEMA_VERSION,
  createEvent,
  eventsMap,
  metaMap,
} from '../src/calendar-document.js';
import { checkDocumentUpdate, DOCUMENT_SCHEMA } from '../src/document-update-check.js';
import { documentSchemaVersion, migrateDocument } from '../src/document-migration.js';
import { readBoard } from '../src/stripboard.js';
import { nightShoot } from './support/calendar-event.fixture.js';
import { copyOf, syncAll } from './support/yjs-sync.js';

/** A version-1 calendar as the previous release wrote it, with keys from a newer client. */
function versionOne(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', 1);
    meta.set('name', 'Main unit');
    meta.set('timezone', 'Europe/London');
    createEvent(doc, nightShoot, 'shoot-1');
    createEvent(doc, { ...nightShoot, kind: 'prep', title: 'Recce' }, 'prep-1');
    eventsMap(doc).get('shoot-1')!.set('rigging', { trucks: 3 });
    eventsMap(doc).get('prep-1')!.set('unit', 42);
  });
  return doc;
}

/** The document's content, as a reader sees it: every root of the schema. */
const content = (doc: Y.Doc) =>
  Object.fromEntries(Object.keys(DOCUMENT_SCHEMA).map((name) => [name, doc.getMap(name).toJSON()]));

describe('migrating version 1 to 2', () => {
  it('raises the version and changes nothing else, unknown keys included', () => {
    const doc = versionOne();
    const before = content(doc);
    expect(migrateDocument(doc)).toBe(true);
    expect(documentSchemaVersion(doc)).toBe(CALENDAR_SCHEMA_VERSION);
    expect(content(doc)).toEqual({
      ...before,
      meta: { ...before.meta, schemaVersion: CALENDAR_SCHEMA_VERSION },
    });
    expect(eventsMap(doc).get('shoot-1')!.get('rigging')).toEqual({ trucks: 3 });
    expect(eventsMap(doc).get('prep-1')!.get('unit')).toBe(42);
  });

  it('is idempotent: a second run changes nothing and sends no update', () => {
    const doc = versionOne();
    migrateDocument(doc);
    const after = content(doc);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(migrateDocument(doc)).toBe(false);
    expect(updates).toBe(0);
    expect(content(doc)).toEqual(after);
  });

  it('gives the same document when two editors migrate at once as when one does', () => {
    const a = versionOne();
    const b = copyOf(a);
    const once = copyOf(a);
    migrateDocument(once);
    expect(migrateDocument(a)).toBe(true);
    expect(migrateDocument(b)).toBe(true);
    syncAll(a, b);
    expect(content(a)).toEqual(content(once));
    expect(content(b)).toEqual(content(once));
    expect(migrateDocument(a)).toBe(false);
  });

  it('reads the old shoot events as main-unit days with an empty board', () => {
    const doc = versionOne();
    migrateDocument(doc);
    const board = readBoard(doc);
    expect(board.units).toHaveLength(1);
    expect(board.units[0]).toMatchObject({
      unit: 'Main',
      days: [{ id: 'shoot-1', number: 1, of: 1 }],
    });
    expect(board.pool.strips).toEqual([]);
  });

  it('migrates a document without a version, or with a broken one, but not a newer one', () => {
    const bare = new Y.Doc();
    createEvent(bare, nightShoot);
    expect(migrateDocument(bare)).toBe(true);
    expect(metaMap(bare).get('schemaVersion')).toBe(CALENDAR_SCHEMA_VERSION);
    const broken = new Y.Doc();
    metaMap(broken).set('schemaVersion', 'one');
    expect(migrateDocument(broken)).toBe(true);
    const newer = new Y.Doc();
    metaMap(newer).set('schemaVersion', CALENDAR_SCHEMA_VERSION + 1);
    expect(migrateDocument(newer)).toBe(false);
    expect(documentSchemaVersion(newer)).toBe(CALENDAR_SCHEMA_VERSION + 1);
  });

  it('sends an update the relay accepts from an editor', () => {
    const server = versionOne();
    const editor = copyOf(server);
    const updates: Uint8Array[] = [];
    editor.on('update', (update: Uint8Array) => updates.push(update));
    migrateDocument(editor);
    expect(updates).toHaveLength(1);
    expect(checkDocumentUpdate(server, updates[0]!).status).toBe('accept');
  });
});
