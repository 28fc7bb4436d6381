import http from 'node:http';
import { Writable } from 'node:stream';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import { insertCalendar } from './support/fake-accounts.js';
import { useRelayTestFile } from './support/relay-test-file.js';
import { startRelayTestServer } from './support/relay-test-server.js';
import { storedDocument, upgradeStatus } from './support/stored-document.js';
import { testEvent } from './support/test-event.js';
import { waitForSync } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const relay = useRelayTestFile(testDatabase);
const { accounts, connect, calendarWithMember } = relay;

describe.skipIf(!testDatabase)('the /yjs relay with the stock y-websocket client', () => {
  it('makes two editors converge', async () => {
    const { calendarId, projectId, member } = await calendarWithMember('owner');
    const editor = accounts.signIn('editor');
    accounts.grant(editor.user.id, { calendarId, projectId, role: 'editor' });
    const first = connect(calendarId, { cookie: member.cookie });
    const second = connect(calendarId, { cookie: editor.cookie });
    await Promise.all([waitForSync(first), waitForSync(second)]);
    first.doc.getMap('events').set('a', testEvent('from first'));
    second.doc.getMap('events').set('b', testEvent('from second'));
    for (const client of [first, second]) {
      await waitFor(() => client.doc.getMap('events').size === 2, 'both edits on both clients');
    }
    expect(first.doc.getMap('events').toJSON()).toEqual(second.doc.getMap('events').toJSON());
  });

  it('gives a client that connects later the full state, from memory and from Postgres', async () => {
    const { calendarId, member } = await calendarWithMember('editor');
    const early = connect(calendarId, { cookie: member.cookie });
    await waitForSync(early);
    const events = early.doc.getMap('events');
    for (let i = 0; i < 50; i += 1) events.set(`item-${i}`, testEvent());
    const late = connect(calendarId, { cookie: member.cookie });
    await waitForSync(late);
    await waitFor(() => late.doc.getMap('events').size === 50, 'the late client to get every item');
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendarId)).getMap('events').size === 50,
      'every item in Postgres',
    );
  });

  it("drops a viewer's writes: they reach neither the other clients nor Postgres", async () => {
    const { calendarId, projectId, member } = await calendarWithMember('editor');
    const viewer = accounts.signIn('viewer');
    accounts.grant(viewer.user.id, { calendarId, projectId, role: 'viewer' });
    const editor = connect(calendarId, { cookie: member.cookie });
    const reader = connect(calendarId, { cookie: viewer.cookie });
    await Promise.all([waitForSync(editor), waitForSync(reader)]);
    await relay.expectWriteDropped(() =>
      reader.doc.getMap('events').set('forged', testEvent('by viewer')),
    );
    editor.doc.getMap('events').set('real', testEvent('by editor'));
    await waitFor(
      () => reader.doc.getMap('events').has('real'),
      'the viewer to receive the editor update',
    );
    await waitFor(
      async () =>
        (await storedDocument(testDatabase!.sql, calendarId)).getMap('events').has('real'),
      'the editor update in Postgres',
    );
    expect(editor.doc.getMap('events').has('forged')).toBe(false);
    expect(
      (await storedDocument(testDatabase!.sql, calendarId)).getMap('events').has('forged'),
    ).toBe(false);
  });

  it('refuses an upgrade without a session with 401', async () => {
    const { calendarId } = await calendarWithMember('owner');
    expect(await upgradeStatus(`${relay.server().yjsUrl}/${calendarId}`)).toBe(401);
    expect(
      await upgradeStatus(`${relay.server().yjsUrl}/${calendarId}`, {
        cookie: 'callboard_session=forged',
      }),
    ).toBe(401);
  });

  it('refuses a signed-in non-member, an unknown calendar and a malformed id with 404', async () => {
    const { calendarId } = await calendarWithMember('owner');
    const stranger = accounts.signIn('stranger');
    const headers = { cookie: stranger.cookie };
    expect(await upgradeStatus(`${relay.server().yjsUrl}/${calendarId}`, headers)).toBe(404);
    expect(
      await upgradeStatus(`${relay.server().yjsUrl}/00000000-0000-4000-8000-000000000000`, headers),
    ).toBe(404);
    expect(await upgradeStatus(`${relay.server().yjsUrl}/not-a-uuid`, headers)).toBe(404);
  });

  it("refuses a member of project A who opens project B's calendar by id with 404", async () => {
    const projectA = await calendarWithMember('owner');
    const projectB = await insertCalendar(testDatabase!.sql);
    const headers = { cookie: projectA.member.cookie };
    expect(await upgradeStatus(`${relay.server().yjsUrl}/${projectA.calendarId}`, headers)).toBe(
      101,
    );
    expect(await upgradeStatus(`${relay.server().yjsUrl}/${projectB.calendarId}`, headers)).toBe(
      404,
    );
  });

  it('reports each update a writer made, with the writer and what it touched', async () => {
    const { calendarId, projectId, member } = await calendarWithMember('editor');
    const applied: { calendarId: string; projectId: string; userId?: string; keys: string[] }[] =
      [];
    const stop = relay.server().realtime.yjs.onUpdateApplied((update) => {
      const events = update.doc.getMap('events');
      const keys = [...(update.transaction.changed.get(events as never) ?? [])].filter(
        (key): key is string => key !== null,
      );
      applied.push({
        calendarId: update.calendarId,
        projectId: update.projectId,
        userId: update.user?.id,
        keys,
      });
    });
    const editor = connect(calendarId, { cookie: member.cookie });
    await waitForSync(editor);
    editor.doc.getMap('events').set('event-1', testEvent('call time'));
    await waitFor(
      () => applied.some((update) => update.keys.includes('event-1')),
      'the update to be reported',
    );
    stop();
    expect(applied.filter((update) => update.keys.includes('event-1'))).toEqual([
      { calendarId, projectId, userId: member.user.id, keys: ['event-1'] },
    ]);
  });

  it('grants nothing for a ?link= parameter: public links are not served yet', async () => {
    const { calendarId } = await calendarWithMember('editor');
    expect(await upgradeStatus(`${relay.server().yjsUrl}/${calendarId}?link=anything`)).toBe(401);
  });
});

/** Sends a websocket upgrade by hand, as any client could, and reads the refusal. */
function rawUpgrade(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe.skipIf(!testDatabase)('a /yjs path that does not decode', () => {
  it('answers an unauthenticated caller 404 with the error shape and logs no error or stack', async () => {
    let logged = '';
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logged += chunk.toString();
        callback();
      },
    });
    const server = await startRelayTestServer({
      databaseUrl: testDatabase!.url,
      deps: accounts.deps,
      env: { LOG_LEVEL: 'debug' },
      logDestination,
    });
    try {
      const refused = await rawUpgrade(server.port, '/yjs/%E0%A4%A');
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'not_found' } });
      const entries = logged
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number });
      expect(
        entries.filter((entry) => entry.level >= 50 || JSON.stringify(entry).includes('"stack"')),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
