import { createEvent, DOCUMENT_LIMITS, eventsMap } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unitMove as shoot } from '../../test/support/test-event.js';
import { LoadedDocument } from './document-registry.js';
import { UpdateGuard, UserUpdateBudget } from './update-guard.js';

function updatesOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  return Y.mergeUpdates(updates);
}

describe('UpdateGuard', () => {
  it('holds an edit that arrives before the content it builds on, then applies both in order', () => {
    const loaded = new LoadedDocument('calendar');
    const guard = new UpdateGuard('user', new UserUpdateBudget());
    const client = new Y.Doc();
    const offline = updatesOf(client, () => createEvent(client, shoot, 'event-1'));
    const typed = updatesOf(client, () =>
      eventsMap(client).get('event-1')!.set('title', 'Sc. 12A'),
    );

    expect(guard.admit(loaded, typed)).toEqual({ action: 'hold' });
    const first = guard.admit(loaded, offline);
    expect(first).toEqual({ action: 'apply', update: offline });
    Y.applyUpdate(loaded.doc, offline);
    const held = guard.next(loaded);
    expect(held).toMatchObject({ action: 'apply' });
    Y.applyUpdate(loaded.doc, (held as { update: Uint8Array }).update);
    expect(guard.next(loaded)).toBeNull();
    expect(eventsMap(loaded.doc).get('event-1')!.get('title')).toBe('Sc. 12A');
  });

  it('refuses a held edit that breaks a limit once its place is known', () => {
    const loaded = new LoadedDocument('calendar');
    const guard = new UpdateGuard('user', new UserUpdateBudget());
    const client = new Y.Doc();
    const offline = updatesOf(client, () => createEvent(client, shoot, 'event-1'));
    const bad = updatesOf(client, () => eventsMap(client).get('event-1')!.set('kind', 'party'));
    expect(guard.admit(loaded, bad)).toEqual({ action: 'hold' });
    guard.admit(loaded, offline);
    Y.applyUpdate(loaded.doc, offline);
    expect(guard.next(loaded)).toEqual({
      action: 'refuse',
      limit: 'value',
      path: 'events.*.kind',
    });
  });

  it('measures the document before refusing it for its size', () => {
    const loaded = new LoadedDocument('calendar');
    loaded.encodedBytes = DOCUMENT_LIMITS.documentBytes;
    const guard = new UpdateGuard('user', new UserUpdateBudget());
    const client = new Y.Doc();
    const update = updatesOf(client, () => createEvent(client, shoot));
    expect(guard.admit(loaded, update)).toMatchObject({ action: 'apply' });
    expect(loaded.encodedBytes).toBeLessThan(1000);
  });
});

describe('UserUpdateBudget', () => {
  it("refuses a user's bytes past a minute's worth, refills over the minute and keeps users apart", () => {
    let now = 0;
    const budget = new UserUpdateBudget(60_000, () => now);
    expect(budget.take('alice', 59_000)).toBe(true);
    expect(budget.take('alice', 2_000)).toBe(false);
    expect(budget.take('bob', 60_000)).toBe(true);
    now += 1_000;
    expect(budget.take('alice', 2_000)).toBe(true);
    now += 120_000;
    expect(budget.take('alice', 60_000)).toBe(true);
  });

  it('lets deletions through when the budget is spent', () => {
    const loaded = new LoadedDocument('calendar');
    const client = new Y.Doc();
    const created = updatesOf(client, () => createEvent(client, shoot, 'event-1'));
    Y.applyUpdate(loaded.doc, created);
    const guard = new UpdateGuard('user', new UserUpdateBudget(1));
    const deletion = updatesOf(client, () => eventsMap(client).delete('event-1'));
    expect(guard.admit(loaded, deletion)).toEqual({ action: 'apply', update: deletion });
    const again = updatesOf(client, () => createEvent(client, shoot));
    expect(guard.admit(loaded, again)).toEqual({
      action: 'refuse',
      limit: 'userBytesPerMinute',
      path: 'user',
    });
  });
});
