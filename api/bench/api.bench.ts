// `npm run bench -w @callboard/api`: throughput and latency of authenticated routes against
// the framework's ceiling on this machine, each server and the load generator in its own process.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { combineRounds, createTestDatabase, freePort } from '@callboard/db/testing';
import { load, sourceFlags, spawnApi, waitReady, type Figures } from './bench-processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
// Rounds interleave the routes, so a change in the machine's speed (a shared VM) hits each
// route alike; every figure printed is the median over the rounds.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 100;

const children: ChildProcess[] = [];
const database = await createTestDatabase();
const dataDir = database ? null : await mkdtemp(path.join(os.tmpdir(), 'callboard-bench-'));
try {
  const apiPort = await freePort();
  const barePort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  children.push(
    spawnApi(apiPort, database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir! }),
  );
  children.push(
    fork(path.join(here, 'bare-hono.server.ts'), [String(barePort)], { execArgv: sourceFlags }),
  );
  await waitReady(`${apiUrl}/ready`);
  await waitReady(`http://127.0.0.1:${barePort}/constant`);

  const register = await fetch(`${apiUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://localhost:${apiPort}` },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: 'benchmark password',
      name: 'Bench',
    }),
  });
  const cookie = register.headers.get('set-cookie')!.split(';')[0]!;
  for (let i = 0; i < 5; i++) {
    await fetch(`${apiUrl}/api/projects`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: `http://localhost:${apiPort}`,
        cookie,
      },
      body: JSON.stringify({ name: `Production ${i + 1}` }),
    });
  }

  console.log(
    `database: ${database ? 'Postgres' : 'embedded PGlite'}; ${connections} connections, ${durationSeconds} s per route per round, ${rounds} rounds; load generator in its own process\n`,
  );
  const routes: [string, string, Record<string, string>][] = [
    ['bare Hono route (ceiling)', `http://127.0.0.1:${barePort}/constant`, {}],
    ['GET /api/projects (authenticated)', `${apiUrl}/api/projects`, { cookie }],
    ['GET /api/auth/me (authenticated)', `${apiUrl}/api/auth/me`, { cookie }],
  ];
  const measured = routes.map((): Figures[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, [, url, headers]] of routes.entries()) {
      measured[index]!.push(await load({ url, headers, connections, durationSeconds }));
    }
  }
  const rows: [string, Figures][] = routes.map(([name], index) => [
    name,
    combineRounds(measured[index]!, ['non2xx', 'errors', 'total']),
  ]);
  const bare = rows[0]![1];

  const pad = (value: string, width: number) => value.padStart(width);
  console.log(
    `${'route'.padEnd(36)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('non-2xx', 9)}${pad('of bare', 9)}`,
  );
  for (const [name, f] of rows) {
    console.log(
      `${name.padEnd(36)}${pad(f.requestsPerSecond.toFixed(0), 10)}${pad(f.p50.toFixed(1), 9)}${pad(f.p95.toFixed(1), 9)}${pad(f.p99.toFixed(1), 9)}${pad(String(f.non2xx + f.errors), 9)}${pad(`${((f.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}%`, 9)}`,
    );
  }
  console.log('');
  for (const [name, f] of rows.slice(1)) {
    const p99 = f.p99 < 50 ? 'met' : 'missed';
    const share = f.requestsPerSecond >= bare.requestsPerSecond / 3 ? 'met' : 'missed';
    console.log(`${name}: target p99 < 50 ms ${p99}; target >= 1/3 of bare throughput ${share}`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await database?.drop().catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
