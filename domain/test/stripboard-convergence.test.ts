import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDocumentUpdate } from '../src/document-update-check.js';
import { isOrderKey } from '../src/order-key.js';
import { seededRandom } from '../src/seeded-random.js';
import { createShootDay, DEFAULT_UNIT } from '../src/shoot-day.js';
import { deleteStrips, POOL_DAY_ID, readStrips } from '../src/strip-document.js';
import { boardDays, compareStrips, readBoard } from '../src/stripboard.js';
import { deleteShootDay, insertStrip, moveStrips } from '../src/strip-placement.js';
import { sceneOf } from './support/strip.fixture.js';
import { syncAll } from './support/yjs-sync.js';

const CLIENTS = 3;

/** Small numbers pick a client, a strip, a target or a seed; seeds are few so keys collide. */
const client = fc.nat(CLIENTS - 1);
const pick = fc.nat(50);
const seed = fc.nat(3);
const index = fc.nat(8);

const operation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('insert' as const),
      client,
      target: pick,
      index,
      seed,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('move' as const),
      client,
      strips: fc.array(pick, { minLength: 1, maxLength: 4 }),
      target: pick,
      index,
      seed,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('deleteStrip' as const), client, strip: pick }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('addDay' as const),
      client,
      date: fc.nat(20),
      second: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('deleteDay' as const), client, day: pick, seed }),
  },
  // A message arriving late: one client's state reaching one other client.
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('deliver' as const), from: client, to: client }),
  },
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Three clients that have synced a schedule of two days on two units and six strips. */
function clients(): Y.Doc[] {
  const origin = new Y.Doc();
  createShootDay(origin, { date: '2026-12-07' }, 'day-a');
  createShootDay(origin, { date: '2026-12-07', unit: '2nd Unit' }, 'day-b');
  const random = seededRandom(0);
  ['day-a', 'day-a', 'day-b', POOL_DAY_ID, POOL_DAY_ID, 'day-a'].forEach((dayId, i) =>
    insertStrip(origin, sceneOf(`${i}`, 8), { dayId }, { id: `strip-${i}`, random }),
  );
  return Array.from({ length: CLIENTS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
    return doc;
  });
}

/** The places a client can drop a strip: the pool and the days it knows. */
function targets(doc: Y.Doc): string[] {
  return [POOL_DAY_ID, ...boardDays(readBoard(doc)).map((day) => day.id)];
}

function apply(docs: Y.Doc[], op: Operation, step: number): void {
  if (op.type === 'deliver') {
    const [from, to] = [docs[op.from]!, docs[op.to]!];
    if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    return;
  }
  const doc = docs[op.client]!;
  const strips = readStrips(doc).map((strip) => strip.id);
  const places = targets(doc);
  const at = (list: readonly string[], n: number) => list[n % list.length];
  switch (op.type) {
    case 'insert':
      insertStrip(
        doc,
        sceneOf(`new ${step}`, 4),
        { dayId: at(places, op.target)!, index: op.index },
        { id: `new-${step}`, random: seededRandom(op.seed) },
      );
      return;
    case 'move':
      if (strips.length)
        moveStrips(
          doc,
          op.strips.map((n) => at(strips, n)!),
          { dayId: at(places, op.target)!, index: op.index },
          { random: seededRandom(op.seed) },
        );
      return;
    case 'deleteStrip':
      if (strips.length) deleteStrips(doc, [at(strips, op.strip)!]);
      return;
    case 'addDay':
      createShootDay(
        doc,
        {
          date: `2026-12-${String(op.date + 1).padStart(2, '0')}`,
          unit: op.second ? '2nd Unit' : DEFAULT_UNIT,
        },
        `day-${step}`,
      );
      return;
    case 'deleteDay': {
      const days = places.slice(1);
      if (days.length) deleteShootDay(doc, at(days, op.day)!, { random: seededRandom(op.seed) });
    }
  }
}

function expectConverged(docs: Y.Doc[]): void {
  const boards = docs.map(readBoard);
  for (const board of boards.slice(1)) expect(board).toEqual(boards[0]);
  const board = boards[0]!;
  const shown = [...boardDays(board).flatMap((day) => day.strips), ...board.pool.strips];
  const ids = shown.map((strip) => strip.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(readStrips(docs[0]!).map((strip) => strip.id));
  const dayIds = new Set(boardDays(board).map((day) => day.id));
  for (const list of [...boardDays(board), board.pool]) {
    list.strips.forEach((strip, i) => {
      expect(isOrderKey(strip.order)).toBe(true);
      if (i > 0) expect(compareStrips(list.strips[i - 1]!, strip)).toBeLessThan(0);
    });
  }
  for (const strip of board.pool.strips) expect(dayIds.has(strip.dayId)).toBe(false);
  // Everything the clients wrote passes the relay's check, sent whole to a new server.
  expect(checkDocumentUpdate(new Y.Doc(), Y.encodeStateAsUpdate(docs[0]!)).status).toBe('accept');
}

describe('stripboard convergence', () => {
  it('ends every client with the same board, each strip once, each day in one total order, after random concurrent moves, inserts and deletes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => {
        const docs = clients();
        ops.forEach((op, step) => apply(docs, op, step));
        syncAll(...docs);
        expectConverged(docs);
      }),
      { numRuns: 150 },
    );
  });
});
