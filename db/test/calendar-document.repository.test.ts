import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendCalendarUpdates,
  compactCalendarDocument,
  loadCalendarDocument,
  readCalendarLogSince,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing/index.js';

const testDatabase = await createTestDatabase();
afterAll(() => testDatabase?.drop());

async function newCalendar(): Promise<string> {
  const sql = testDatabase!.sql;
  const [project] = await sql<
    { id: string }[]
  >`insert into projects (name) values ('Shoot') returning id`;
  const [calendar] = await sql<{ id: string }[]>`
    insert into calendars (project_id, name, timezone) values (${project!.id}, 'Main unit', 'Europe/London')
    returning id
  `;
  return calendar!.id;
}

const bytes = (...values: number[]) => new Uint8Array(values);
const concat = (snapshot: { state: Uint8Array } | null, rows: { update: Uint8Array }[]) =>
  new Uint8Array([...(snapshot?.state ?? []), ...rows.flatMap((row) => [...row.update])]);

describe.skipIf(!testDatabase)('calendar document repository', () => {
  it('appends updates as the very first query of a fresh client', async () => {
    const calendarId = await newCalendar();
    const fresh = postgres(testDatabase!.url, {
      max: 1,
      onnotice: () => undefined,
      types: { bigint: postgres.BigInt },
    });
    try {
      const seqs = await appendCalendarUpdates(fresh, [
        { calendarId, update: bytes(0, 255) },
        { calendarId, update: bytes(7) },
      ]);
      expect(seqs).toHaveLength(2);
      expect(seqs[0]! < seqs[1]!).toBe(true);
    } finally {
      await fresh.end();
    }
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect(stored.updates.map((row) => [...row.update])).toEqual([[0, 255], [7]]);
  });

  it('appends updates and loads them back in order', async () => {
    const calendarId = await newCalendar();
    const seqs = await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId, update: bytes(1) },
      { calendarId, update: bytes(2, 3) },
    ]);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]! > seqs[0]!).toBe(true);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect(stored.snapshot).toBeNull();
    expect(stored.updates.map((row) => [...row.update])).toEqual([[1], [2, 3]]);
    expect(stored.updates.every((row) => row.settled === false)).toBe(true);
  });

  it('lists only the updates of the given calendars past a sequence number', async () => {
    const first = await newCalendar();
    const second = await newCalendar();
    const [firstSeq] = await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId: first, update: bytes(1) },
    ]);
    await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId: first, update: bytes(2) },
      { calendarId: second, update: bytes(3) },
    ]);
    const { updates: rows } = await readCalendarLogSince(testDatabase!.sql, [
      { calendarId: first, afterSeq: firstSeq! },
    ]);
    expect(rows.map((row) => [row.calendarId, [...row.update!]])).toEqual([[first, [2]]]);
  });

  it('reads each calendar from its own position, leaving out known rows but the latest settled one', async () => {
    const first = await newCalendar();
    const second = await newCalendar();
    const seqs = await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId: first, update: bytes(1) },
      { calendarId: second, update: bytes(2) },
      { calendarId: first, update: bytes(3) },
      { calendarId: second, update: bytes(4) },
      { calendarId: second, update: bytes(5) },
    ]);
    // The first four are old enough to have settled; the fifth is not.
    await testDatabase!.sql`
      update calendar_updates set created_at = now() - interval '1 minute'
      where seq = any(${testDatabase!.sql.array(seqs.slice(0, 4).map(String))}::bigint[])
    `;
    const { updates: rows } = await readCalendarLogSince(
      testDatabase!.sql,
      [
        { calendarId: first, afterSeq: seqs[0]! },
        { calendarId: second, afterSeq: 0n },
      ],
      [seqs[1]!, seqs[3]!, seqs[4]!],
    );
    expect(rows.map((row) => [row.seq, row.update && [...row.update], row.settled])).toEqual([
      [seqs[2], [3], true],
      // Known: only the latest settled one comes, without bytes; the unsettled one not at all.
      [seqs[3], null, true],
    ]);
  });

  it('folds the log into the snapshot and deletes only what it merged', async () => {
    const calendarId = await newCalendar();
    const seqs = await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId, update: bytes(1) },
      { calendarId, update: bytes(2) },
    ]);
    const result = await compactCalendarDocument(testDatabase!.sql, calendarId, concat);
    expect(result).toEqual({ mergedUpdates: 2, throughSeq: seqs[1] });
    await appendCalendarUpdates(testDatabase!.sql, [{ calendarId, update: bytes(3) }]);
    const stored = await loadCalendarDocument(testDatabase!.sql, calendarId);
    expect([...stored.snapshot!.state]).toEqual([1, 2]);
    expect(stored.updates.map((row) => [...row.update])).toEqual([[3]]);

    await compactCalendarDocument(testDatabase!.sql, calendarId, concat);
    const [later] = await appendCalendarUpdates(testDatabase!.sql, [
      { calendarId, update: bytes(4) },
    ]);
    // A reader that stopped at the first snapshot gets the second and the row after it at once.
    const since = await readCalendarLogSince(testDatabase!.sql, [
      { calendarId, afterSeq: seqs[1]! },
    ]);
    expect(since.snapshots.map((row) => [...row.state])).toEqual([[1, 2, 3]]);
    expect(since.updates.map((row) => [row.seq, [...row.update!]])).toEqual([[later, [4]]]);
    expect((await loadCalendarDocument(testDatabase!.sql, calendarId)).updates).toHaveLength(1);
  });

  it('keeps a row that commits after the compaction read the log, even with a smaller seq', async () => {
    const calendarId = await newCalendar();
    const sql = testDatabase!.sql;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: (seq: bigint) => void;
    const lateSeq = new Promise<bigint>((resolve) => (started = resolve));
    // Takes its seq first but commits last, as a slow writer on another instance can.
    const late = sql.begin(async (tx) => {
      const [row] = await tx<{ seq: bigint }[]>`
        insert into calendar_updates (calendar_id, update)
        values (${calendarId}, decode('07', 'hex')) returning seq
      `;
      started(row!.seq);
      await held;
    });
    const early = await lateSeq;
    const [folded] = await appendCalendarUpdates(sql, [{ calendarId, update: bytes(8) }]);
    const result = await compactCalendarDocument(sql, calendarId, concat);
    release();
    await late;
    expect(result).toEqual({ mergedUpdates: 1, throughSeq: folded });
    const stored = await loadCalendarDocument(sql, calendarId);
    expect([...stored.snapshot!.state]).toEqual([8]);
    expect(stored.updates.map((row) => [row.seq, [...row.update]])).toEqual([[early, [7]]]);
  });

  it('does nothing when there is nothing to compact', async () => {
    const calendarId = await newCalendar();
    expect(await compactCalendarDocument(testDatabase!.sql, calendarId, concat)).toBeNull();
  });
});
