import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import {
  createShootDay,
  deleteShootDay,
  encodeTextRange,
  insertStrip,
  metaMap,
  moveStrips,
  readBoard,
  stripsAt,
} from '@callboard/domain';
import { stubBrowser } from '../../../test/support/test-browser';
import { YjsTestRelay } from '../../../test/support/yjs-test-relay';
import { CalendarSession } from './calendar-session.svelte';

const calendar = { name: 'Main unit', timezone: 'Europe/London' };
vi.setConfig({ testTimeout: 20_000 });
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 20 });

let relay: YjsTestRelay;
const opened: CalendarSession[] = [];

beforeEach(async () => {
  relay = await YjsTestRelay.start();
  stubBrowser(relay.origin);
});

afterEach(async () => {
  for (const session of opened.splice(0)) session.destroy();
  await relay.close();
  vi.unstubAllGlobals();
});

async function openSynced(readOnly = false): Promise<CalendarSession> {
  const session = new CalendarSession(
    randomUUID(),
    { id: 'u-ada', name: 'Ada' },
    calendar,
    readOnly,
  );
  opened.push(session);
  await until(() => expect(session.state).toBe('saved'));
  return session;
}

/** Day d1 with s1, s2, s3 and day d2 with t1, written by someone else before this tab opens. */
function seedBoard(doc: Y.Doc): void {
  createShootDay(doc, { date: '2027-01-11' }, 'd1');
  createShootDay(doc, { date: '2027-01-12' }, 'd2');
  for (const id of ['s1', 's2', 's3']) insertStrip(doc, { scene: id }, { dayId: 'd1' }, { id });
  insertStrip(doc, { scene: 't1' }, { dayId: 'd2' }, { id: 't1' });
}

const layout = (doc: Y.Doc) => {
  const board = readBoard(doc);
  const ids = (dayId: string) => stripsAt(board, dayId)?.map((strip) => strip.id);
  return { d1: ids('d1'), d2: ids('d2'), pool: ids('') };
};

describe('opening a version-1 schedule', () => {
  test('an editor migrates it to version 2 once synced, and that is no undo step', async () => {
    metaMap(relay.doc).set('schemaVersion', 1);
    seedBoard(relay.doc);
    const session = await openSynced();
    await until(() => expect(metaMap(relay.doc).get('schemaVersion')).toBe(2));
    expect(session.canUndo).toBe(false);
    expect(layout(relay.doc).d1).toEqual(['s1', 's2', 's3']);
  });

  test('a viewer leaves it as it is', async () => {
    metaMap(relay.doc).set('schemaVersion', 1);
    relay.readOnly = true;
    const session = await openSynced(true);
    expect(metaMap(session.doc).get('schemaVersion')).toBe(1);
    expect(metaMap(relay.doc).get('schemaVersion')).toBe(1);
  });
});

describe('undoing board moves', () => {
  test('makes each move its own undo step, however quickly the next follows', async () => {
    seedBoard(relay.doc);
    const session = await openSynced();
    await until(() => expect(layout(session.doc).d1).toEqual(['s1', 's2', 's3']));
    session.editStep(() => moveStrips(session.doc, ['s1', 's3'], { dayId: 'd2', index: 0 }));
    session.editStep(() => moveStrips(session.doc, ['s2'], { dayId: '' }));
    expect(layout(session.doc)).toEqual({ d1: [], d2: ['s1', 's3', 't1'], pool: ['s2'] });

    session.undo();
    expect(layout(session.doc)).toEqual({ d1: ['s2'], d2: ['s1', 's3', 't1'], pool: [] });
    session.undo();
    expect(layout(session.doc)).toEqual({ d1: ['s1', 's2', 's3'], d2: ['t1'], pool: [] });
    await until(() => expect(layout(relay.doc).d1).toEqual(['s1', 's2', 's3']));
    session.redo();
    await until(() => expect(layout(relay.doc).d2).toEqual(['s1', 's3', 't1']));
  });

  test('brings a deleted day back with its strips on it', async () => {
    seedBoard(relay.doc);
    const session = await openSynced();
    await until(() => expect(layout(session.doc).d1).toHaveLength(3));
    session.editStep(() => deleteShootDay(session.doc, 'd1'));
    expect(layout(session.doc)).toMatchObject({ d1: undefined, pool: ['s1', 's2', 's3'] });
    session.undo();
    expect(layout(session.doc)).toMatchObject({ d1: ['s1', 's2', 's3'], pool: [] });
  });
});

describe('presence on the board', () => {
  const self = (session: CalendarSession) => session.peers.find((peer) => peer.userId === 'u-ada');

  test('publishes the strip this tab drags or edits, beside its text caret', async () => {
    seedBoard(relay.doc);
    const session = await openSynced();
    session.setStripFocus({ id: 's1', action: 'dragging' });
    expect(self(session)?.strip).toEqual({ id: 's1', action: 'dragging' });

    const range = encodeTextRange(new Y.Doc().getText('notes'), 0, 0);
    session.setCursor({ eventId: 'd1', field: 'notes', ...range });
    expect(self(session)?.strip).toEqual({ id: 's1', action: 'dragging' });
    session.setStripFocus({ id: 's1', action: 'editing' });
    expect(self(session)).toMatchObject({
      strip: { action: 'editing' },
      cursor: { eventId: 'd1' },
    });
    session.setStripFocus(null);
    expect(self(session)).toMatchObject({ strip: null, cursor: { eventId: 'd1' } });
    // Its own tab is not among the others on a strip.
    session.setStripFocus({ id: 's2', action: 'editing' });
    expect(session.peersByStrip.size).toBe(0);
  });
});
