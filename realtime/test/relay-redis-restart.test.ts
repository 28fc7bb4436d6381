import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, freePort, waitFor } from '@callboard/db/testing';
import { afterAll, describe, it } from 'vitest';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayProcess, type RelayProcess } from './support/relay-process.js';
import { testEvent } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;
if (!redisServerInstalled) {
  const message = 'redis-server is not installed: the Redis restart test cannot start its own';
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(message);
  console.warn(`[skipped] ${message}`);
}
const testDatabase = redisServerInstalled ? await createTestDatabase() : null;
const clients: YjsTestClient[] = [];
const relays: RelayProcess[] = [];
let redis: ChildProcess | undefined;

/** A throw-away Redis of this test's own, so killing it touches nobody else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(async () => {
    const probe = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    return probe.stdout.trim() === 'PONG';
  }, 'the throw-away Redis to answer');
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const relay of relays) relay.child.kill('SIGKILL');
  if (redis) await stopRedis(redis);
  await testDatabase?.drop();
});

describe.skipIf(!testDatabase)('two relay processes across a Redis restart', () => {
  it('relay each other’s edits through Redis again within 5 s of it coming back', async () => {
    const redisPort = await freePort();
    redis = await startRedis(redisPort);
    const accounts = new FakeAccounts();
    const calendar = await insertCalendar(testDatabase!.sql);
    const editor = accounts.signIn('editor');
    accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
    const options = {
      databaseUrl: testDatabase!.url,
      accounts: accounts.state,
      redis: {
        url: `redis://127.0.0.1:${redisPort}`,
        prefix: `test:${randomBytes(4).toString('hex')}:`,
      },
      // Catching up from Postgres every 10 minutes leaves Redis as the only way across in time.
      env: { REALTIME_CATCH_UP_INTERVAL_MS: '600000' },
    };
    const [first, second] = await Promise.all([
      startRelayProcess(options),
      startRelayProcess(options),
    ]);
    relays.push(first, second);
    const [onFirst, onSecond] = [first, second].map((relay) =>
      connectYjsClient(relay.yjsUrl, calendar.calendarId, { cookie: editor.cookie }),
    ) as [YjsTestClient, YjsTestClient];
    clients.push(onFirst, onSecond);
    await Promise.all([waitForSync(onFirst), waitForSync(onSecond)]);
    const events = (client: YjsTestClient) => client.doc.getMap('events');

    events(onFirst).set('before', testEvent('made before the restart'));
    await waitFor(() => events(onSecond).has('before'), 'the edit to cross through Redis');

    await stopRedis(redis);
    redis = await startRedis(redisPort);

    // Edits made while the relays reconnect may be lost to the bus (the Postgres catch-up
    // would repair them later), so each poll makes a new one until edits cross again.
    let sent = 0;
    const crossed = (client: YjsTestClient, prefix: string) =>
      [...events(client).keys()].some((key) => key.startsWith(prefix));
    await waitFor(
      () => {
        events(onFirst).set(`after-${sent}`, testEvent('made after the restart'));
        events(onSecond).set(`reply-${sent}`, testEvent('made after the restart'));
        sent += 1;
        return crossed(onSecond, 'after-') && crossed(onFirst, 'reply-');
      },
      'edits to cross through the restarted Redis within 5 s',
      5_000,
    );
  });
});
