import { CalendarLogCursor, loadCalendarDocument } from '@callboard/db';
import { createTestDatabase } from '@callboard/db/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertCalendar } from '../../test/support/fake-accounts.js';
import { createRelayMetrics } from './relay-metrics.js';
import { UpdatePersistence } from './update-persistence.js';

const testDatabase = await createTestDatabase();
afterAll(() => testDatabase?.drop());
const metrics = createRelayMetrics(new Registry());

function persistence(
  compactAfterUpdates = 1000,
  open?: { calendarId: string; doc: Y.Doc; log: CalendarLogCursor },
) {
  return new UpdatePersistence({
    sql: testDatabase!.sql,
    intervalMs: 10_000,
    compactAfterUpdates,
    logger: pino({ level: 'silent' }),
    metrics,
    onPersisted: (calendarId, seq) => {
      if (calendarId === open?.calendarId) open.log.applied.add(seq);
    },
    openDocument: (calendarId) => (calendarId === open?.calendarId ? open : undefined),
  });
}

function edits(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) doc.getArray('items').push([i]);
  return { doc, updates };
}

/** An edit made in the open document and written by its instance, as the relay does. */
async function editOpenDocument(
  open: { calendarId: string; doc: Y.Doc },
  writer: UpdatePersistence,
  item: string,
): Promise<void> {
  const before = Y.encodeStateVector(open.doc);
  open.doc.getArray('items').push([item]);
  writer.enqueue(open.calendarId, Y.encodeStateAsUpdate(open.doc, before));
  await writer.flush();
}

function stateOf(stored: Awaited<ReturnType<typeof loadCalendarDocument>>): unknown {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
  for (const row of stored.updates) Y.applyUpdate(doc, row.update);
  return doc.getArray('items').toJSON();
}

describe.skipIf(!testDatabase)('UpdatePersistence', () => {
  it('reports how long the oldest unwritten update has waited, and 0 once it is written', async () => {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const writer = persistence();
    expect(writer.lagSeconds()).toBe(0);
    const { updates } = edits(2);
    writer.enqueue(calendarId, updates[0]!);
    const firstWait = writer.lagSeconds();
    writer.enqueue(calendarId, updates[1]!);
    expect(writer.lagSeconds()).toBeGreaterThanOrEqual(firstWait);
    expect(metrics.persistLag()).toBeGreaterThan(0);
    await writer.flush();
    expect(writer.lagSeconds()).toBe(0);
    await writer.close();
  });

  /** `count` edits written in one interval, as the log then holds them. */
  async function writtenInOneInterval(count: number) {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const writer = persistence();
    const { updates } = edits(count);
    for (const update of updates) writer.enqueue(calendarId, update);
    await writer.close();
    return { updates, stored: await loadCalendarDocument(testDatabase!.sql, calendarId) };
  }

  it('writes the few updates of one interval a row each, in order, in one INSERT', async () => {
    const { updates, stored } = await writtenInOneInterval(3);
    expect(stored.updates.map((row) => [...row.update])).toEqual(updates.map((u) => [...u]));
    expect(stateOf(stored)).toEqual([0, 1, 2]);
  });

  it('merges a burst of one interval, so that it cannot fill the log', async () => {
    const { stored } = await writtenInOneInterval(120);
    // Runs of 50, 50 and 20.
    expect(stored.updates).toHaveLength(3);
    expect(stateOf(stored)).toEqual([...Array(120).keys()]);
  });

  it('folds the log into a snapshot past the threshold', async () => {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const writer = persistence(3);
    const { updates } = edits(4);
    for (const update of updates) {
      writer.enqueue(calendarId, update);
      await writer.flush();
    }
    await writer.compact(calendarId);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(4);
    expect(stateOf(stored)).toEqual([0, 1, 2, 3]);
    await writer.close();
  });

  it('compacts a document it holds open from memory, folding in what another instance wrote meanwhile', async () => {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const other = persistence();
    const { updates } = edits(6);
    const write = async (from: number, to: number) => {
      for (const update of updates.slice(from, to)) other.enqueue(calendarId, update);
      await other.flush();
    };
    // This instance opens the document at [0, 1, 2], folded into a snapshot by the other.
    await write(0, 3);
    await other.compact(calendarId);
    const opened = await loadCalendarDocument(testDatabase!.sql, calendarId);
    const open = { calendarId, doc: new Y.Doc(), log: new CalendarLogCursor() };
    Y.applyUpdate(open.doc, opened.snapshot!.state);
    open.log.passSnapshot(opened.snapshot!.throughSeq);
    const here = persistence(1000, open);
    // Meanwhile the other instance writes 3 and 4, compacts them away, then writes 5 ...
    await write(3, 5);
    await other.compact(calendarId);
    await write(5, 6);
    // ... and this instance writes an edit of its own, which its document holds.
    await editOpenDocument(open, here, 'here');

    await here.compact(calendarId);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect(stored.updates).toEqual([]);
    expect((stateOf(stored) as unknown[]).map(String).sort()).toEqual(
      ['0', '1', '2', '3', '4', '5', 'here'].sort(),
    );
    await here.close();
    await other.close();
  });

  it('folds in a stored snapshot the open document never applied, even below its watermark', async () => {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const other = persistence();
    const { updates } = edits(3);
    for (const update of updates) other.enqueue(calendarId, update);
    await other.flush();
    await other.compact(calendarId);
    const { snapshot } = await loadCalendarDocument(testDatabase!.sql, calendarId);
    // Another instance compacted rows away between two reads of this one's catch-up, which
    // then moved the watermark past them without their content.
    const open = { calendarId, doc: new Y.Doc(), log: new CalendarLogCursor() };
    open.log.watermark = snapshot!.throughSeq;
    const here = persistence(1000, open);
    await editOpenDocument(open, here, 'here');

    await here.compact(calendarId);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect((stateOf(stored) as unknown[]).map(String).sort()).toEqual(['0', '1', '2', 'here']);
    await here.close();
    await other.close();
  });

  it("drops a deleted calendar's updates and still writes the others", async () => {
    const kept = await insertCalendar(testDatabase!.sql);
    const deleted = await insertCalendar(testDatabase!.sql);
    const writer = persistence();
    const { updates } = edits(1);
    writer.enqueue(kept.calendarId, updates[0]!);
    writer.enqueue(deleted.calendarId, updates[0]!);
    await testDatabase!.sql`delete from calendars where id = ${deleted.calendarId}`;
    await writer.flush();
    expect((await loadCalendarDocument(testDatabase!.sql, kept.calendarId)).updates).toHaveLength(
      1,
    );
    await writer.close();
  });

  it('reclaims content deleted before compaction: 2 MB inserted then deleted leaves a small snapshot', async () => {
    const { calendarId } = await insertCalendar(testDatabase!.sql);
    const writer = persistence();
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => writer.enqueue(calendarId, update));
    const events = doc.getMap<Y.Map<unknown>>('events');
    for (let i = 0; i < 100; i += 1) {
      const event = new Y.Map<unknown>();
      events.set(`event-${i}`, event);
      event.set('notes', 'n'.repeat(20_000));
    }
    events.set('kept', new Y.Map([['title', 'Kept']]));
    await writer.flush();
    for (let i = 0; i < 100; i += 1) events.delete(`event-${i}`);
    await writer.flush();
    await writer.compact(calendarId);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect(stored.updates).toEqual([]);
    expect(stored.snapshot!.state.byteLength).toBeLessThan(10_000);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot!.state);
    expect(reloaded.getMap('events').toJSON()).toEqual({ kept: { title: 'Kept' } });
    await writer.close();
  });
});
