import { randomBytes } from 'node:crypto';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayTestServer, type RelayTestServer } from './support/relay-test-server.js';
import { storedDocument } from './support/stored-document.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const accounts = new FakeAccounts();
let server: RelayTestServer;
let good: YjsTestClient;
let calendarId: string;
let attacker: { cookie: string };

beforeAll(async () => {
  if (!testDatabase) return;
  // A generous rate limit: this test is about malformed frames, not floods.
  server = await startRelayTestServer({
    databaseUrl: testDatabase.url,
    deps: accounts.deps,
    env: { REALTIME_MAX_CONNECTIONS_PER_USER: '1000' },
  });
  const calendar = await insertCalendar(testDatabase.sql);
  calendarId = calendar.calendarId;
  const owner = accounts.signIn('owner');
  accounts.grant(owner.user.id, { ...calendar, role: 'owner' });
  const signedIn = accounts.signIn('attacker');
  accounts.grant(signedIn.user.id, { ...calendar, role: 'editor' });
  attacker = signedIn;
  good = connectYjsClient(server.yjsUrl, calendarId, { cookie: owner.cookie });
  await waitForSync(good);
  const events = good.doc.getMap('events');
  for (let i = 0; i < 20; i += 1) events.set(`event-${i}`, testEvent(`Scene ${i}`));
  await waitFor(
    async () => (await storedDocument(testDatabase.sql, calendarId)).getMap('events').size === 20,
    'the starting events in Postgres',
  );
});

afterAll(async () => {
  good?.destroy();
  await server?.close();
  await testDatabase?.drop();
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Frames that break the protocol in each way the relay must catch. */
function malformedFrames(): Uint8Array[] {
  const frames: Uint8Array[] = [
    new Uint8Array([0x80]),
    new Uint8Array([0x80, 0x80, 0x80]),
    new Uint8Array([9]),
    new Uint8Array([0, 7, 0]),
    new Uint8Array([0, 2]),
    new Uint8Array([0, 2, 0xff, 0xff, 0x7f, 1, 2, 3]),
    new Uint8Array([1, 5, 1, 2, 3]),
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        frame((a) => {
          encoding.writeVarUint(a, 1);
          encoding.writeVarUint(a, 42);
          encoding.writeVarUint(a, 1);
          encoding.writeVarString(a, '{not json');
        }),
      );
    }),
    new Uint8Array([0, 0, 0, 0]),
    new Uint8Array([3, 0]),
  ];
  for (let i = 0; i < 1500; i += 1) {
    const garbage = randomBytes(1 + (i % 64));
    frames.push(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, garbage);
        // A trailing byte makes even a garbage update that happens to decode malformed.
        encoding.writeUint8(e, 0xff);
      }),
    );
  }
  return frames;
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.yjsUrl}/${calendarId}`, {
      headers: { cookie: attacker.cookie },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one frame on a fresh connection and resolves the close code the server answered with. */
async function closeCodeFor(payload: Uint8Array | Buffer): Promise<number> {
  const ws = await open();
  return new Promise((resolve) => {
    ws.on('error', () => undefined);
    ws.once('close', (code) => resolve(code));
    ws.send(payload);
  });
}

describe.skipIf(!testDatabase)('malformed input on /yjs', () => {
  it('closes every offending connection with 1003 and leaves the document and its good client untouched', async () => {
    const before = JSON.stringify(good.doc.toJSON());
    const storedBefore = (await storedDocument(testDatabase!.sql, calendarId))
      .getMap('events')
      .toJSON();
    const heapBefore = process.memoryUsage().heapUsed;
    const frames = malformedFrames();
    const codes: number[] = [];
    for (let i = 0; i < frames.length; i += 50) {
      codes.push(
        ...(await Promise.all(frames.slice(i, i + 50).map((payload) => closeCodeFor(payload)))),
      );
    }
    expect(codes.filter((code) => code !== 1003)).toEqual([]);

    // Random bytes of random size, many on one connection: it must be closed, whatever they decode to.
    for (let i = 0; i < 500; i += 1) {
      const ws = await open();
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      for (let j = 0; j < 5 && ws.readyState === WebSocket.OPEN; j += 1)
        ws.send(randomBytes(1 + ((i * 7 + j) % 300)));
      ws.send(Buffer.from('text is not the protocol'), { binary: false });
      expect([1003, 1007]).toContain(await closed);
    }

    expect(JSON.stringify(good.doc.toJSON())).toBe(before);
    expect(good.provider.wsconnected).toBe(true);
    good.doc.getMap('events').set('after fuzz', testEvent());
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendarId)).getMap('events').has('after fuzz'),
      'the good client to keep writing',
    );
    const stored = (await storedDocument(testDatabase!.sql, calendarId)).getMap('events').toJSON();
    delete stored['after fuzz'];
    expect(stored).toEqual(storedBefore);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('closes a 10 MiB frame with 1009 without reading it all', async () => {
    expect(await closeCodeFor(Buffer.alloc(10 * 1024 * 1024, 1))).toBe(1009);
    expect(good.provider.wsconnected).toBe(true);
  });
});
