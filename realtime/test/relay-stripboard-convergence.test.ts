import { randomInt } from 'node:crypto';
import {
  addDays,
  boardDays,
  compareStrips,
  createDemoSchedule,
  createShootDay,
  DEFAULT_UNIT,
  deleteShootDay,
  deleteStrips,
  insertStrip,
  isOrderKey,
  moveStrips,
  POOL_DAY_ID,
  randomInteger,
  randomPick,
  readBoard,
  readStrips,
  seededRandom,
  shuffled,
} from '@callboard/domain';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useRelayTestFile } from './support/relay-test-file.js';
import { storedDocument } from './support/stored-document.js';
import type { YjsTestClient } from './support/yjs-test-client.js';
import { waitForSync } from './support/yjs-test-client.js';

/** CONVERGENCE_SEED repeats a run's choices (operations, delays, keys); timing still varies. */
const SEED = Number(process.env.CONVERGENCE_SEED ?? randomInt(2 ** 31));
const OPERATIONS_PER_CLIENT = 1000;
/** The third client's steps during which it is offline, editing all the while. */
const OFFLINE = { from: 250, to: 650 };
const MAX_DELAY_MS = 12;
const START_DATE = '2027-03-01';
/** Bounds that keep the board busy without nearing the document limits. */
const MAX_STRIPS = 260;
const MIN_DAYS = 4;
const MAX_DAYS = 40;

const testDatabase = await createTestDatabase();
// Three fast editors: the test is about convergence, not the relay's pacing of floods.
const relay = useRelayTestFile(testDatabase, {
  REALTIME_MESSAGES_PER_SECOND: '10000',
  REALTIME_MESSAGE_BURST: '10000',
});

type Operation = 'move' | 'multiMove' | 'insert' | 'deleteStrip' | 'addDay' | 'deleteDay';

interface Editor {
  name: string;
  client: YjsTestClient;
  random: () => number;
  /** Operations that changed the document, by type. */
  applied: Record<Operation, number>;
}

/** One random edit, as a person on the board makes it from what their copy shows. */
function edit(editor: Editor, step: number): void {
  const { doc } = editor.client;
  const random = editor.random;
  const strips = readStrips(doc).map((strip) => strip.id);
  const days = boardDays(readBoard(doc)).map((day) => day.id);
  const targets = [POOL_DAY_ID, ...days];
  const target = () => {
    const dayId = randomPick(random, targets);
    return { dayId, index: randomInteger(random, 0, 12) };
  };
  const roll = random();
  let operation: Operation;
  let changed: boolean;
  if (days.length > MIN_DAYS && (days.length > MAX_DAYS || roll > 0.95)) {
    operation = 'deleteDay';
    deleteShootDay(doc, randomPick(random, days), { random });
    changed = true;
  } else if (days.length < MIN_DAYS || roll > 0.9) {
    operation = 'addDay';
    createShootDay(
      doc,
      {
        date: addDays(START_DATE, randomInteger(random, 0, 60)),
        unit: random() < 0.25 ? '2nd Unit' : DEFAULT_UNIT,
      },
      `${editor.name}-day-${step}`,
    );
    changed = true;
  } else if (strips.length > MAX_STRIPS || roll > 0.82) {
    operation = 'deleteStrip';
    const doomed = shuffled(random, strips).slice(0, randomInteger(random, 1, 2));
    deleteStrips(doc, doomed);
    changed = doomed.length > 0;
  } else if (roll > 0.7) {
    operation = 'insert';
    const banner = random() < 0.15;
    const fields = banner
      ? { kind: 'banner' as const, text: `Note ${step}`, estMinutes: 30 }
      : {
          kind: 'scene' as const,
          scene: `${editor.name}${step}`,
          intExt: 'INT' as const,
          dayNight: 'NIGHT' as const,
          set: 'DINER',
          eighths: randomInteger(random, 1, 24),
          estMinutes: randomInteger(random, 10, 120),
        };
    const id = `${editor.name}-strip-${step}`;
    changed = insertStrip(doc, fields, target(), { id, random }) !== undefined;
  } else {
    // Several strips at once, from anywhere, as a selection dragged together.
    operation = roll > 0.45 ? 'multiMove' : 'move';
    const count = operation === 'move' ? 1 : randomInteger(random, 2, 6);
    const moving = shuffled(random, strips).slice(0, count);
    changed = moveStrips(doc, moving, target(), { random });
  }
  if (changed) editor.applied[operation] += 1;
}

/**
 * Edits at a person's pace, so remote updates land between local ones; offline from one step
 * to another, calling `beforeReconnect` just before it connects again.
 */
async function work(
  editor: Editor,
  offline?: typeof OFFLINE & { beforeReconnect: () => void },
): Promise<void> {
  for (let step = 0; step < OPERATIONS_PER_CLIENT; step += 1) {
    if (step === offline?.from) editor.client.provider.disconnect();
    if (step === offline?.to) {
      offline.beforeReconnect();
      editor.client.provider.connect();
    }
    edit(editor, step);
    await new Promise((resolve) => setTimeout(resolve, randomInteger(editor.random, 0, 3)));
  }
}

function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** What every client must show at the end, whatever the interleaving was. */
function expectSoundBoard(doc: Y.Doc): void {
  const board = readBoard(doc);
  const days = boardDays(board);
  const dayIds = new Set(days.map((day) => day.id));
  const shown = [...days.flatMap((day) => day.strips), ...board.pool.strips];
  const ids = shown.map((strip) => strip.id);
  // Each strip exactly once: none lost, none twice.
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(
    readStrips(doc)
      .map((strip) => strip.id)
      .sort(),
  );
  for (const day of days) {
    for (const strip of day.strips) expect(strip.dayId).toBe(day.id);
  }
  // A strip whose day was deleted under it (or the pool's '') shows in the pool, and only there.
  for (const strip of readStrips(doc)) {
    const inPool = board.pool.strips.some((each) => each.id === strip.id);
    expect(inPool).toBe(!dayIds.has(strip.dayId));
  }
  for (const list of [...days, board.pool]) {
    list.strips.forEach((strip, i) => {
      expect(isOrderKey(strip.order)).toBe(true);
      if (i > 0) expect(compareStrips(list.strips[i - 1]!, strip)).toBeLessThan(0);
    });
  }
}

describe.skipIf(!testDatabase)('stripboard convergence through the relay', () => {
  it('ends three delayed clients, one offline for a while, identical to each other and to Postgres after thousands of concurrent moves, inserts and deletes', async () => {
    console.info(`stripboard convergence seed: ${SEED} (CONVERGENCE_SEED=${SEED} repeats it)`);
    const seeds = seededRandom(SEED);
    const calendar = await relay.calendarWithMember('editor');
    const members = [
      calendar.member,
      relay.addMember(calendar, 'editor'),
      relay.addMember(calendar, 'editor'),
    ];
    const editors: Editor[] = members.map((member, i) => {
      const random = seededRandom(Math.floor(seeds() * 2 ** 32));
      const delay = seededRandom(Math.floor(seeds() * 2 ** 32));
      return {
        name: `c${i}`,
        client: relay.connect(calendar.calendarId, {
          cookie: member.cookie,
          messageDelayMs: () => delay() * MAX_DELAY_MS,
        }),
        random,
        applied: { move: 0, multiMove: 0, insert: 0, deleteStrip: 0, addDay: 0, deleteDay: 0 },
      };
    });
    await Promise.all(editors.map((editor) => waitForSync(editor.client)));
    const [first, second, third] = editors as [Editor, Editor, Editor];
    createDemoSchedule(first.client.doc, { seed: SEED, startDate: START_DATE });
    await waitFor(
      () => editors.every((editor) => sameDocument(editor.client.doc, first.client.doc)),
      'the demo schedule on every client',
    );

    let missedWhileOffline = false;
    const beforeReconnect = () => {
      const author = second.client.doc.clientID;
      missedWhileOffline =
        Y.getState(third.client.doc.store, author) < Y.getState(second.client.doc.store, author);
    };
    await Promise.all([work(first), work(second), work(third, { ...OFFLINE, beforeReconnect })]);
    // The offline client really was behind: it had not seen the others' edits of the while.
    expect(missedWhileOffline).toBe(true);

    const docs = editors.map((editor) => editor.client.doc);
    await waitFor(
      () =>
        editors.every((editor) => editor.client.provider.synced) &&
        docs.every((doc) => sameDocument(doc, docs[0]!)),
      'the clients to converge',
      30_000,
    );
    let stored = new Y.Doc();
    await waitFor(
      async () => {
        stored = await storedDocument(testDatabase!.sql, calendar.calendarId);
        return sameDocument(stored, docs[0]!);
      },
      'Postgres to hold what the clients hold',
      30_000,
    );

    const board = readBoard(docs[0]!);
    for (const doc of [...docs.slice(1), stored]) expect(readBoard(doc)).toEqual(board);
    for (const doc of [...docs, stored]) expectSoundBoard(doc);
    for (const editor of editors) expect(editor.client.closes).toEqual([]);

    const applied = editors.map((editor) => editor.applied);
    const total = (operation: Operation) => applied.reduce((sum, each) => sum + each[operation], 0);
    console.info(
      `applied: ${JSON.stringify(applied)}; final board: ${boardDays(board).length} days, ` +
        `${readStrips(docs[0]!).length} strips, ${board.pool.strips.length} in the pool`,
    );
    expect(total('move') + total('multiMove')).toBeGreaterThan(1500);
    expect(total('multiMove')).toBeGreaterThan(300);
    for (const operation of ['insert', 'deleteStrip', 'addDay', 'deleteDay'] as const)
      expect(total(operation)).toBeGreaterThan(50);
  }, 90_000);
});
