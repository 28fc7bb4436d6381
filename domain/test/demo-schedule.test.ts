import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeta } from '../src/calendar-document.js';
import { readCast } from '../src/cast-document.js';
import { BENCHMARK_SCHEDULE_SIZE, createDemoSchedule, SECOND_UNIT } from '../src/demo-schedule.js';
import { documentSchemaVersion } from '../src/document-migration.js';
import { checkDocumentUpdate } from '../src/document-update-check.js';
import { CALL_TIME } from '../src/shoot-day.js';
import { duplicateSceneNumbers } from '../src/scene-numbers.js';
import { boardDays, readBoard } from '../src/stripboard.js';
import { readStrips } from '../src/strip-document.js';

const options = { seed: 18, startDate: '2027-03-01' };

/** The demo's single update, as the web app would send it. */
function demoUpdate(build: (doc: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  build(doc);
  expect(updates).toHaveLength(1);
  return { doc, update: updates[0]! };
}

describe('the demo schedule', () => {
  it('builds about 25 days on two units, 120 scenes, 15 cast, banners and a pool', () => {
    const doc = new Y.Doc();
    const demo = createDemoSchedule(doc, options);
    const board = readBoard(doc);
    const strips = readStrips(doc);
    const scenes = strips.filter((strip) => strip.kind === 'scene');
    const banners = strips.filter((strip) => strip.kind === 'banner');
    expect(board.units.map((unit) => [unit.unit, unit.days.length])).toEqual([
      ['Main', 19],
      [SECOND_UNIT, 6],
    ]);
    expect(scenes).toHaveLength(120);
    expect(readCast(doc)).toHaveLength(15);
    expect(banners.map((banner) => banner.text)).toEqual(
      expect.arrayContaining(['Lunch: 1 hour', expect.stringMatching(/^Company move to /)]),
    );
    expect(board.pool.strips.length).toBeGreaterThanOrEqual(3);
    expect(boardDays(board).every((day) => day.strips.length > 0)).toBe(true);
    expect(demo.dayIds).toEqual(boardDays(board).map((day) => day.id));
    expect(demo.stripIds).toEqual([
      ...boardDays(board).flatMap((day) => day.strips.map((strip) => strip.id)),
      ...board.pool.strips.map((strip) => strip.id),
    ]);
    expect(duplicateSceneNumbers(strips)).toEqual([]);
    expect(documentSchemaVersion(doc)).toBe(2);
  });

  it('looks like a real schedule: a few pages a day, calls and a wrap, cast on main-unit scenes', () => {
    const doc = new Y.Doc();
    createDemoSchedule(doc, options);
    const days = readBoard(doc).units[0]!.days;
    const pages = days.map((day) => day.totals.eighths / 8);
    expect(Math.min(...pages)).toBeGreaterThan(1);
    expect(Math.max(...pages)).toBeLessThan(12);
    for (const day of days) {
      expect(day.crewCall).toMatch(CALL_TIME);
      expect(day.estWrap).toMatch(CALL_TIME);
      expect(
        day.strips
          .filter((strip) => strip.kind === 'scene')
          .every((strip) => strip.cast.length > 0),
      ).toBe(true);
      expect(
        day.strips.every((strip) => strip.kind === 'banner' || strip.synopsis.length > 10),
      ).toBe(true);
    }
    const dates = days.map((day) => day.date);
    expect(dates[0]).toBe('2027-03-01');
    expect([...dates].sort()).toEqual(dates);
  });

  it('gives the same document for the same seed, ids included, and another for another seed', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const c = new Y.Doc();
    createDemoSchedule(a, options);
    createDemoSchedule(b, options);
    createDemoSchedule(c, { ...options, seed: 19 });
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(c)).not.toEqual(readBoard(a));
  });

  it('is one update the relay accepts, meta included when a zone is given', () => {
    const { doc, update } = demoUpdate((doc) =>
      createDemoSchedule(doc, { ...options, timezone: 'Europe/London' }),
    );
    expect(checkDocumentUpdate(new Y.Doc(), update).status).toBe('accept');
    expect(readMeta(doc)).toEqual({
      schemaVersion: 2,
      name: 'Harbour Lights (demo)',
      timezone: 'Europe/London',
    });
  });

  it('builds the benchmark size, 500 strips on 60 days, within one accepted update', () => {
    const { doc, update } = demoUpdate((doc) =>
      createDemoSchedule(doc, { ...options, ...BENCHMARK_SCHEDULE_SIZE }),
    );
    expect(readStrips(doc)).toHaveLength(500);
    expect(boardDays(readBoard(doc))).toHaveLength(60);
    expect(checkDocumentUpdate(new Y.Doc(), update).status).toBe('accept');
  });

  it('refuses sizes it cannot fill', () => {
    expect(() => createDemoSchedule(new Y.Doc(), { ...options, days: 1 })).toThrow(RangeError);
    expect(() => createDemoSchedule(new Y.Doc(), { ...options, days: 60, scenes: 50 })).toThrow(
      RangeError,
    );
  });
});
