import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCastMember, updateCastMember } from '../src/cast-document.js';
import { updateEvent } from '../src/calendar-document.js';
import { nextRevisionColour, REVISION_COLOURS } from '../src/revision-colours.js';
import { diffSchedules } from '../src/schedule-diff.js';
import {
  documentFromState,
  readScheduleDocument,
  restoreDocument,
} from '../src/schedule-document.js';
import { createShootDay } from '../src/shoot-day.js';
import { deleteStrips, updateStrip } from '../src/strip-document.js';
import { insertStrip, moveStrips, deleteShootDay } from '../src/strip-placement.js';
import { sceneOf } from './support/strip.fixture.js';
import { copyOf, syncAll } from './support/yjs-sync.js';

/** Two days of the main unit with two scenes each, one scene in the pool, and two cast. */
function schedule() {
  const doc = new Y.Doc();
  const day1 = createShootDay(doc, { date: '2027-03-01' });
  const day2 = createShootDay(doc, { date: '2027-03-02' });
  const lead = createCastMember(doc, { number: '1', name: 'Ada Stone', character: 'Mara' });
  const ids = {
    s1: insertStrip(doc, sceneOf('1', 8), { dayId: day1 })!,
    s2: insertStrip(doc, sceneOf('2', 3), { dayId: day1 })!,
    s3: insertStrip(doc, sceneOf('3', 5), { dayId: day2 })!,
    s4: insertStrip(doc, sceneOf('4', 2), { dayId: day2 })!,
    s5: insertStrip(doc, sceneOf('5', 1), { dayId: '' })!,
  };
  return { doc, day1, day2, lead, ids };
}

const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);
const json = (doc: Y.Doc) => readScheduleDocument(doc);

describe('restoring a version', () => {
  it('makes the live document equal to the version as one new change', () => {
    const { doc, day2, ids } = schedule();
    const version = documentFromState(state(doc));
    moveStrips(doc, [ids.s1], { dayId: day2 });
    deleteStrips(doc, [ids.s4]);
    insertStrip(doc, sceneOf('9', 4), { dayId: day2 });
    updateStrip(doc, ids.s2, { synopsis: 'Rewritten after the table read' });

    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const update = restoreDocument(doc, version);
    expect(update).not.toBeNull();
    expect(updates).toHaveLength(1);
    expect(json(doc)).toEqual(json(version));
  });

  it('answers null and writes nothing when the document already equals the version', () => {
    const { doc } = schedule();
    const version = documentFromState(state(doc));
    expect(restoreDocument(doc, version)).toBeNull();
  });

  it('keeps an offline client’s later edit of another field when it merges after the restore', () => {
    const { doc, ids } = schedule();
    const version = documentFromState(state(doc));
    updateStrip(doc, ids.s3, { synopsis: 'Changed before the restore' });
    const offline = copyOf(doc);
    updateStrip(offline, ids.s3, { set: 'ROOFTOP' });
    restoreDocument(doc, version);
    syncAll(doc, offline);
    const strip = json(doc).strips.find((s) => s.id === ids.s3)!;
    expect(strip.set).toBe('ROOFTOP');
    expect(strip.synopsis).toBe(json(version).strips.find((s) => s.id === ids.s3)!.synopsis);
    expect(json(offline)).toEqual(json(doc));
    // Nothing duplicated: every strip once.
    expect(new Set(json(doc).strips.map((s) => s.id)).size).toBe(json(doc).strips.length);
  });

  it('brings back a deleted day and its strips’ places, and restores a text by splicing it', () => {
    const { doc, day1, ids } = schedule();
    const version = documentFromState(state(doc));
    deleteShootDay(doc, day1);
    updateEvent(doc, day1, { title: 'x' });
    restoreDocument(doc, version);
    expect(json(doc).shootDays.map((d) => d.id)).toContain(day1);
    expect(json(doc).strips.find((s) => s.id === ids.s1)!.dayId).toBe(day1);
    expect(json(doc)).toEqual(json(version));
  });
});

describe('comparing two versions', () => {
  it('lists exactly the strips moved, added and removed, with day numbers, and day and cast changes', () => {
    const { doc, day1, day2, lead, ids } = schedule();
    const before = json(doc);
    moveStrips(doc, [ids.s1], { dayId: day2 });
    moveStrips(doc, [ids.s5], { dayId: day1 });
    moveStrips(doc, [ids.s3], { dayId: '' });
    moveStrips(doc, [ids.s2], { dayId: day1, index: 0 });
    const added = insertStrip(doc, sceneOf('9', 4), { dayId: day2 })!;
    deleteStrips(doc, [ids.s4]);
    const day3 = createShootDay(doc, { date: '2027-03-04', unit: '2nd Unit' });
    updateEvent(doc, day2, { start: '2027-03-03', end: '2027-03-04' });
    updateCastMember(doc, lead, { name: 'Ada Stone-Grey' });
    const second = createCastMember(doc, { number: '2', name: 'Ben Ode', character: 'Tom' });

    const diff = diffSchedules(before, json(doc));
    const main = (number: number, date: string) => ({ number, unit: 'Main', date });
    expect(
      diff.strips.moved.map((m) => [
        m.scene,
        m.from.day?.number ?? 'pool',
        m.to.day?.number ?? 'pool',
      ]),
    ).toEqual(
      [
        [ids.s1, '1', 1, 2],
        [ids.s3, '3', 2, 'pool'],
        [ids.s5, '5', 'pool', 1],
      ]
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
        .map(([, ...rest]) => rest),
    );
    expect(diff.strips.added).toEqual([
      { id: added, scene: '9', to: { dayId: day2, day: main(2, '2027-03-03') } },
    ]);
    expect(diff.strips.removed).toEqual([
      { id: ids.s4, scene: '4', from: { dayId: day2, day: main(2, '2027-03-02') } },
    ]);
    expect(diff.shootDays).toEqual({
      added: [{ id: day3, date: '2027-03-04', unit: '2nd Unit' }],
      removed: [],
      redated: [{ id: day2, unit: 'Main', from: '2027-03-02', to: '2027-03-03' }],
    });
    expect(diff.cast.changed.map((c) => c.id)).toEqual([lead]);
    expect(diff.cast.added.map((c) => c.id)).toEqual([second]);
  });
});

describe('revision colours', () => {
  it('offers the standard sequence in order and starts over after cherry', () => {
    expect(nextRevisionColour(null)).toBe('white');
    expect(REVISION_COLOURS.slice(0, 3)).toEqual(['white', 'blue', 'pink']);
    expect(nextRevisionColour('white')).toBe('blue');
    expect(nextRevisionColour('cherry')).toBe('white');
  });
});
