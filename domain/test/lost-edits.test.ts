import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEvent, deleteEvent, readEvents, updateEvent } from '../src/calendar-document.js';
import {
  describeLostEdit,
  findOfflineConflicts,
  findUnsavedEdits,
  recordOfflineEdit,
  type OfflineEdit,
} from '../src/lost-edits.js';
import { nightShoot as shoot } from './support/calendar-event.fixture.js';

/** A server document with one event, and a tab that has synced it. */
function syncedPair() {
  const server = new Y.Doc();
  const id = createEvent(server, shoot);
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
  return { server, local, id };
}

const edit = (overrides: Partial<OfflineEdit>): OfflineEdit => ({
  eventId: 'e1',
  field: 'title',
  value: 'Mine',
  title: 'Night exterior',
  at: 1,
  ...overrides,
});

describe('findUnsavedEdits', () => {
  it('finds nothing when the tab holds only what the server has', () => {
    const { server, local } = syncedPair();
    expect(findUnsavedEdits(server, local)).toEqual([]);
  });

  it('lists each field, new event and deletion only the tab has', () => {
    const { server, local, id } = syncedPair();
    const kept = createEvent(server, { ...shoot, title: 'Kept' });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    updateEvent(local, id, { title: 'Renamed', location: 'Pier 4' });
    const added = createEvent(local, { ...shoot, title: 'Added' });
    deleteEvent(local, kept);
    expect(findUnsavedEdits(server, local)).toEqual(
      expect.arrayContaining([
        {
          kind: 'field',
          eventId: id,
          title: shoot.title,
          field: 'title',
          yours: 'Renamed',
          kept: shoot.title,
        },
        {
          kind: 'field',
          eventId: id,
          title: shoot.title,
          field: 'location',
          yours: 'Pier 4',
          kept: shoot.location,
        },
        { kind: 'created', eventId: added, title: 'Added' },
        { kind: 'deleted', eventId: kept, title: 'Kept' },
      ]),
    );
    expect(findUnsavedEdits(server, local)).toHaveLength(4);
  });

  it('does not take edits others made on the server since for the tab’s', () => {
    const { server, local, id } = syncedPair();
    updateEvent(server, id, { title: 'Changed by someone else' });
    createEvent(server, { ...shoot, title: 'Theirs' });
    expect(findUnsavedEdits(server, local)).toEqual([]);
  });
});

describe('findOfflineConflicts', () => {
  it('lists the fields whose merged value is not the one set offline', () => {
    const merged = [{ id: 'e1', ...shoot, title: 'Theirs' }];
    expect(findOfflineConflicts([edit({})], merged)).toEqual([
      {
        kind: 'field',
        eventId: 'e1',
        title: 'Theirs',
        field: 'title',
        yours: 'Mine',
        kept: 'Theirs',
      },
    ]);
    expect(findOfflineConflicts([edit({ value: 'Theirs' })], merged)).toEqual([]);
  });

  it('tells an event deleted by someone else once, however many fields were edited', () => {
    const edits = [edit({ field: 'title' }), edit({ field: 'location', value: 'Dock', at: 2 })];
    expect(findOfflineConflicts(edits, [])).toEqual([
      {
        kind: 'deleted-by-other',
        eventId: 'e1',
        title: 'Night exterior',
        field: 'title',
        yours: 'Mine',
      },
    ]);
  });

  it('compares only the last offline value of a field', () => {
    let edits = recordOfflineEdit([], edit({ value: 'First' }));
    edits = recordOfflineEdit(edits, edit({ value: 'Second', at: 2 }));
    expect(edits).toEqual([edit({ value: 'Second', at: 2 })]);
    expect(findOfflineConflicts(edits, [{ id: 'e1', ...shoot, title: 'Second' }])).toEqual([]);
  });

  it('finds the field that lost a real merge of two offline documents', () => {
    const { server, local, id } = syncedPair();
    // Yjs lets the higher client id win a concurrent set: make it the other side's.
    local.clientID = 1;
    server.clientID = 2 ** 31;
    updateEvent(local, id, { title: 'Mine' });
    updateEvent(server, id, { title: 'Theirs' });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    expect(findOfflineConflicts([edit({ eventId: id })], readEvents(local))).toEqual([
      {
        kind: 'field',
        eventId: id,
        title: 'Theirs',
        field: 'title',
        yours: 'Mine',
        kept: 'Theirs',
      },
    ]);
  });
});

describe('describeLostEdit', () => {
  it('names the event and field, with yours and the kept value in plain words', () => {
    expect(
      describeLostEdit({
        kind: 'field',
        eventId: 'e1',
        title: 'Night exterior',
        field: 'start',
        yours: '2026-12-01T19:00',
        kept: '2026-12-01T18:00',
      }),
    ).toBe('Night exterior: start (yours: 2026-12-01 19:00, kept: 2026-12-01 18:00)');
    expect(
      describeLostEdit({
        kind: 'deleted-by-other',
        eventId: 'e1',
        title: '',
        field: 'allDay',
        yours: true,
      }),
    ).toBe('Untitled event: all day (yours: yes): deleted by someone else');
    expect(describeLostEdit({ kind: 'created', eventId: 'e2', title: 'Added' })).toBe(
      'Added: the new event',
    );
  });
});
