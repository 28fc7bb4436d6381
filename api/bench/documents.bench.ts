// `npm run bench -w @callboard/api` (second part): the document route and a version save on a
// schedule of 500 strips and 60 days whose log holds 10,000 updates, as the relay writes them.
import type { ChildProcess } from 'node:child_process';
import { appendCalendarUpdates, openDatabase } from '@callboard/db';
import { createTestDatabase, freePort } from '@callboard/db/testing';
import {
  BENCHMARK_SCHEDULE_SIZE,
  createDemoSchedule,
  readStrips,
  updateStrip,
} from '@callboard/domain';
import * as Y from 'yjs';
import { load, spawnApi, waitReady } from './bench-processes.js';

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const connections = 20;
const logRows = 10_000;
const saves = 30;

const database = await createTestDatabase();
if (!database) {
  console.log('documents benchmark skipped: it needs Postgres (TEST_DATABASE_URL)');
  process.exit(0);
}
const children: ChildProcess[] = [];
const db = await openDatabase({ url: database.url, dataDir: '', poolSize: 2 });
try {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  children.push(spawnApi(port, { DATABASE_URL: database.url }));
  await waitReady(`${url}/ready`);
  const post = (route: string, body: unknown, cookie = '') =>
    fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify(body),
    });
  const registered = await post('/api/auth/register', {
    email: `bench-${Date.now()}@example.com`,
    password: 'benchmark password',
    name: 'Bench',
  });
  const cookie = registered.headers.get('set-cookie')!.split(';')[0]!;
  const project = (await (await post('/api/projects', { name: 'Bench' }, cookie)).json()) as {
    project: { id: string };
  };
  const calendar = (await (
    await post(
      `/api/projects/${project.project.id}/calendars`,
      { name: 'Bench', timezone: 'Europe/London' },
      cookie,
    )
  ).json()) as { calendar: { id: string } };
  const calendarId = calendar.calendar.id;

  // The schedule as one update, then 10,000 small edits, each its own row as the relay logs them.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  createDemoSchedule(doc, {
    seed: 7,
    startDate: '2027-03-01',
    timezone: 'Europe/London',
    ...BENCHMARK_SCHEDULE_SIZE,
  });
  const strips = readStrips(doc);
  for (let i = 0; updates.length < logRows; i += 1)
    updateStrip(doc, strips[i % strips.length]!.id, { estMinutes: (i % 90) + 1 });
  for (let i = 0; i < updates.length; i += 1000)
    await appendCalendarUpdates(
      db.sql,
      updates.slice(i, i + 1000).map((update) => ({ calendarId, update })),
    );

  const documentUrl = `${url}/api/calendars/${calendarId}/document`;
  const timed = async (send: () => Promise<Response>) => {
    const started = performance.now();
    const response = await send();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`status ${response.status}`);
    return performance.now() - started;
  };
  const cold = await timed(() => fetch(documentUrl, { headers: { cookie } }));

  const figures = await load({
    url: documentUrl,
    headers: { cookie },
    connections,
    durationSeconds,
  });
  // As a browser asks: the compressed copy is made once per version, like the JSON.
  const gzipFigures = await load({
    url: documentUrl,
    headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
    connections,
    durationSeconds,
  });

  const saveTimes: number[] = [];
  for (let i = 0; i < saves; i += 1) {
    // An edit between saves, so each save reads a log that moved.
    const before = Y.encodeStateVector(doc);
    updateStrip(doc, strips[i]!.id, { estMinutes: 91 + i });
    await appendCalendarUpdates(db.sql, [
      { calendarId, update: Y.encodeStateAsUpdate(doc, before) },
    ]);
    saveTimes.push(
      await timed(() =>
        post(`/api/calendars/${calendarId}/versions`, { name: `Revision ${i + 1}` }, cookie),
      ),
    );
  }
  saveTimes.sort((a, b) => a - b);
  const at = (q: number) =>
    saveTimes[Math.min(saveTimes.length - 1, Math.floor(q * saveTimes.length))]!;

  console.log(
    `\ndocuments: ${BENCHMARK_SCHEDULE_SIZE.strips} strips, ${BENCHMARK_SCHEDULE_SIZE.days} days, ${logRows} logged updates; Postgres; load generator in its own process`,
  );
  console.log(`first read of the document (decodes the whole log): ${cold.toFixed(0)} ms`);
  for (const [label, f] of [
    ['uncompressed', figures],
    ['gzip', gzipFigures],
  ] as const)
    console.log(
      `GET document (${label}), ${connections} connections, ${durationSeconds} s: ${f.requestsPerSecond.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, non-2xx ${f.non2xx + f.errors}`,
    );
  console.log(
    `version save (${saves}, one edit before each): p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${saveTimes.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `targets: document p99 < 50 ms at ${connections} concurrent ${Math.max(figures.p99, gzipFigures.p99) < 50 ? 'met' : 'missed'} (both encodings); version save < 100 ms ${saveTimes.at(-1)! < 100 ? 'met' : 'missed'}`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await db.close();
  await database.drop().catch(() => undefined);
}
