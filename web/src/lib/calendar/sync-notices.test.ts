import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createEvent, readEvents, updateEvent, type LostEdit } from '@callboard/domain';
import { sceneOne } from '../../../test/support/calendar-event.fixture';
import { SyncNotices } from './sync-notices.svelte';

/** Notices that re-apply into a real document, so its validation decides what fits. */
function noticesOver() {
  const doc = new Y.Doc();
  const eventId = createEvent(doc, sceneOne);
  const notices = new SyncNotices((id, patch) => updateEvent(doc, id, patch));
  const event = () => readEvents(doc).find((candidate) => candidate.id === eventId)!;
  return { notices, eventId, event };
}

function fieldConflict(eventId: string, field: 'location' | 'end', yours: string): LostEdit {
  return { kind: 'field', eventId, title: sceneOne.title, field, yours, kept: sceneOne[field] };
}

describe('SyncNotices', () => {
  test('starts with nothing to tell', () => {
    const { notices } = noticesOver();
    expect(notices.refusal).toBeNull();
    expect(notices.unsaved).toEqual([]);
    expect(notices.conflicts).toEqual([]);
  });

  test('lists each conflict once, the newer replacing an older one of the same field', () => {
    const { notices, eventId } = noticesOver();
    notices.addConflicts([fieldConflict(eventId, 'location', 'Stage 3')]);
    notices.addConflicts([
      fieldConflict(eventId, 'location', 'Stage 4'),
      fieldConflict(eventId, 'end', '2026-12-01T13:00'),
    ]);

    expect(notices.conflicts.map(({ edit }) => edit)).toEqual([
      fieldConflict(eventId, 'location', 'Stage 4'),
      fieldConflict(eventId, 'end', '2026-12-01T13:00'),
    ]);
  });

  test('re-applying a conflict sets your value again and takes it off the list', () => {
    const { notices, eventId, event } = noticesOver();
    notices.addConflicts([fieldConflict(eventId, 'location', 'Stage 3')]);

    notices.reapply(notices.conflicts[0]!);

    expect(event().location).toBe('Stage 3');
    expect(notices.conflicts).toEqual([]);
  });

  test('re-applying a value that no longer fits the event says why and keeps it listed', () => {
    const { notices, eventId, event } = noticesOver();
    notices.addConflicts([fieldConflict(eventId, 'end', '2026-12-01T07:00')]);
    const [listed] = notices.conflicts;

    notices.reapply(listed!);

    expect(event().end).toBe(sceneOne.end);
    expect(notices.conflicts).toHaveLength(1);
    expect(notices.conflicts[0]!.error).toBe('Not re-applied: end End must be after the start.');
  });

  test('an event someone else deleted cannot be re-applied, only dismissed', () => {
    const { notices, eventId } = noticesOver();
    const deleted: LostEdit = {
      kind: 'deleted-by-other',
      eventId,
      title: sceneOne.title,
      field: 'location',
      yours: 'Stage 3',
    };
    notices.addConflicts([deleted]);

    notices.reapply(notices.conflicts[0]!);
    expect(notices.conflicts.map(({ edit }) => edit)).toEqual([deleted]);

    notices.dismiss(notices.conflicts[0]!);
    expect(notices.conflicts).toEqual([]);
  });

  test('dismissing the unsaved list empties it', () => {
    const { notices, eventId } = noticesOver();
    notices.unsaved = [{ kind: 'created', eventId, title: sceneOne.title }];

    notices.dismissUnsaved();

    expect(notices.unsaved).toEqual([]);
  });
});
