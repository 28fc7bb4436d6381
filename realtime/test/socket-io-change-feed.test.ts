import {
  convertEventText,
  createEvent,
  deleteEvent,
  eventsMap,
  updateEvent,
} from '@callboard/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ChangeCoalescer, changesOf } from '../src/socket-io/calendar-change-feed.js';

const fields = {
  title: 'Sc. 1',
  kind: 'shoot' as const,
  start: '2026-12-01T08:00',
  end: '2026-12-01T18:00',
  allDay: false,
  location: '',
  notes: '',
};

/** Applies an update made elsewhere to `doc` and returns the changes its transaction made. */
function applyAndDerive(doc: Y.Doc, update: Uint8Array) {
  let derived: ReturnType<typeof changesOf> = [];
  const listener = (transaction: Y.Transaction) => (derived = changesOf(doc, transaction));
  doc.on('afterTransaction', listener);
  Y.applyUpdate(doc, update);
  doc.off('afterTransaction', listener);
  return derived;
}

describe('changesOf', () => {
  it('reports created, updated and deleted events from applied updates', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.on('update', (update: Uint8Array) => updates.push(update));
    const updates: Uint8Array[] = [];

    const id = createEvent(client, fields);
    expect(applyAndDerive(server, updates.pop()!)).toEqual([{ eventId: id, change: 'created' }]);
    updateEvent(client, id, { title: 'Sc. 1A' });
    expect(applyAndDerive(server, updates.pop()!)).toEqual([{ eventId: id, change: 'updated' }]);
    deleteEvent(client, id);
    expect(applyAndDerive(server, updates.pop()!)).toEqual([{ eventId: id, change: 'deleted' }]);
  });

  it('reports typing in a text field held as a Y.Text as an update of its event', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    const id = createEvent(client, fields);
    const notes = convertEventText(eventsMap(client).get(id)!, 'notes');
    Y.applyUpdate(server, Y.mergeUpdates(updates.splice(0)));
    notes.insert(0, 'Rain cover');
    expect(applyAndDerive(server, updates.pop()!)).toEqual([{ eventId: id, change: 'updated' }]);
  });

  it('ignores changes outside the events map', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.getMap('meta').set('name', 'Main unit');
    expect(applyAndDerive(server, updates.pop()!)).toEqual([]);
  });
});

describe('ChangeCoalescer', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a burst of edits into one message, keeping created for a new event', () => {
    vi.useFakeTimers();
    const flushed: unknown[] = [];
    const coalescer = new ChangeCoalescer<string>(250, (meta, changes) =>
      flushed.push({ meta, changes }),
    );
    coalescer.add('cal:alice', 'alice', [{ eventId: 'a', change: 'created' }]);
    for (let i = 0; i < 60; i++)
      coalescer.add('cal:alice', 'alice', [{ eventId: 'a', change: 'updated' }]);
    coalescer.add('cal:alice', 'alice', [{ eventId: 'b', change: 'updated' }]);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(flushed).toEqual([
      {
        meta: 'alice',
        changes: [
          { eventId: 'a', change: 'created' },
          { eventId: 'b', change: 'updated' },
        ],
      },
    ]);
  });

  it('drops an event created and deleted within one window', () => {
    vi.useFakeTimers();
    const flushed: unknown[] = [];
    const coalescer = new ChangeCoalescer<string>(250, (_meta, changes) => flushed.push(changes));
    coalescer.add('k', 'm', [
      { eventId: 'a', change: 'created' },
      { eventId: 'b', change: 'deleted' },
    ]);
    coalescer.add('k', 'm', [{ eventId: 'a', change: 'deleted' }]);
    coalescer.flushAll();
    expect(flushed).toEqual([[{ eventId: 'b', change: 'deleted' }]]);
  });
});
