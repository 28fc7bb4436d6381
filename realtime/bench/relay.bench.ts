// `npm run bench -w @callboard/realtime`: stock clients in two processes of their own drive
// our relay (authorisation and persistence on), the reference @y/websocket-server and
// Hocuspocus on the same workloads, and the figures and ratios are printed. Loopback only; it
// stops by itself.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendCalendarUpdates, openDatabase } from '@callboard/db';
import { combineRounds, createTestDatabase, freePort, waitFor } from '@callboard/db/testing';
import type { Sql } from 'postgres';
import * as Y from 'yjs';
import { connectClient, isOurRelay, type BenchClient, type ServerKind } from './bench-clients.js';
import type { GeneratorReport, WorkloadPlan } from './load-generator.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceFlags = ['--conditions=callboard-source', '--import', 'tsx'];
/**
 * Node flags of the client processes. A thousand documents' short-lived objects fill V8's
 * default young generation many times a second; a larger one collects less often, so
 * collections add less to every server's figures.
 */
const clientFlags = [
  ...sourceFlags,
  '--max-old-space-size=8192',
  '--max-semi-space-size=64',
  // BENCH_CLIENT_PROF=<dir>: the clients' CPU profiles, which show where a join storm goes.
  ...(process.env.BENCH_CLIENT_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROF}`]
    : []),
];
/** Node flags of every server under test: see collect-garbage-on-request.mjs. */
const memoryProbe = ['--expose-gc', '--import', path.join(here, 'collect-garbage-on-request.mjs')];
/**
 * Our relay runs from its build (`npm run bench` builds it), as in production. Run through tsx,
 * it also compiled itself at start and carried esbuild's wrapper that names every function it
 * creates, which costs memory and time on every connection.
 */
const ourRelay = path.join(here, '../dist/main.js');
/** The API that makes the accounts and calendars; never measured, as the relay serves no API. */
const ourApi = path.join(here, '../../api/dist/main.js');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const only = new Set((process.env.BENCH_ONLY ?? 'a,b,a-plain,b-plain,c,d,e').split(','));
/**
 * BENCH_BASELINE=<path to realtime/dist/main.js of another checkout> also measures that build of
 * our relay in the same rounds, so a change is judged against the code before it on one machine
 * state rather than against figures from another day.
 */
const baselineRelay = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
const kinds = (process.env.BENCH_SERVERS ?? 'callboard,reference,hocuspocus').split(
  ',',
) as ServerKind[];
if (baselineRelay && !kinds.includes('baseline')) kinds.splice(1, 0, 'baseline');
/** BENCH_CPU_PROF=<dir>: each server run writes its V8 CPU profiles to <dir>/<run> when it stops. */
const profileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
/**
 * Seconds measured per workload: one presence period. Every stock client renews its awareness
 * state 15 s after it last set it, so a shorter window would end before the first renewal and
 * measure a crowd that never announces itself, which no live calendar is.
 */
const durationSeconds = Number(process.env.BENCH_DURATION ?? 15);
/**
 * Seconds of editing before the measured window: the first edits after connecting run cold code
 * in the server and the clients (the first two bursts of (c) took twice as long as the rest), as
 * no user's edits do once a session is under way.
 */
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 2);
/**
 * Client processes per workload, one per core. One process applies every edit on each of its
 * clients in turn, so on (c) its figure is mostly its own time to apply one edit 999 times
 * (45 to 65 ms on this VM, whichever server sent it), not the server's. Two processes halve that.
 */
const generators = Number(process.env.BENCH_GENERATORS ?? 2);
// This shared 2-core VM changes speed from minute to minute by more than the servers differ,
// so each workload runs in rounds, every server once per round in a rotating order, and every
// figure printed is the median over the rounds.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** Calendars (d) loads one after another, each from its own 10,000-update log. */
const coldLoads = 10;

interface Workload {
  id: string;
  title: string;
  rooms: number;
  clientsPerRoom: number;
  /** Clients per room that connect with write access; the rest are viewers. */
  writersPerRoom: number;
  /** Writers per room that edit. */
  editorsPerRoom: number;
  /** Whether writers announce presence, as the web app does for every member who may edit. */
  presence?: boolean;
  /** Whether the calendar starts with a 10,000-update history, which every joiner syncs. */
  seeded?: boolean;
}

const presets: Workload[] = [
  {
    id: 'a',
    title: '500 clients, 50 calendars, 2 editors each at 5/s',
    rooms: 50,
    clientsPerRoom: 10,
    writersPerRoom: 2,
    editorsPerRoom: 2,
  },
  {
    id: 'b',
    title: '2,000 clients, 100 calendars, 2 editors each at 5/s',
    rooms: 100,
    clientsPerRoom: 20,
    writersPerRoom: 2,
    editorsPerRoom: 2,
  },
  {
    id: 'c',
    title: '1,000 clients on one calendar, 990 of them viewers, 1 editor at 5/s',
    rooms: 1,
    clientsPerRoom: 1000,
    writersPerRoom: 10,
    editorsPerRoom: 1,
  },
  {
    id: 'e',
    title:
      'join storm: 500 clients open at once a calendar whose log holds 10,000 updates, then 2 edit at 5/s',
    rooms: 1,
    clientsPerRoom: 500,
    writersPerRoom: 10,
    editorsPerRoom: 2,
    seeded: true,
  },
];
const workloads: Required<Workload>[] = presets
  .flatMap((w) =>
    // The plain-edits variants: the same crowds with no presence announced by anyone.
    w.rooms === 1
      ? [w]
      : [w, { ...w, id: `${w.id}-plain`, title: `${w.title}, no presence`, presence: false }],
  )
  .map((w) => ({
    ...w,
    presence: w.presence ?? true,
    seeded: w.seeded ?? false,
    rooms: Math.max(1, Math.round(w.rooms * (w.rooms === 1 ? 1 : scale))),
    clientsPerRoom:
      w.rooms === 1 ? Math.max(10, Math.round(w.clientsPerRoom * scale)) : w.clientsPerRoom,
  }));

/** The next message of `type` from a child process; rejects if the child fails first. */
function nextMessage(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: unknown) => {
      const data = value as Record<string, unknown> | null;
      if (data?.type !== type) return;
      child.off('message', onMessage);
      resolve(data);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
  });
}

/**
 * Bytes a server's JavaScript holds (heap and external buffers) right after a full garbage
 * collection, as it reports them (collect-garbage-on-request.mjs).
 */
async function heldBytes(server: ChildProcess): Promise<number> {
  const reply = nextMessage(server, 'held-bytes');
  server.send('collect-garbage');
  return (await reply).bytes as number;
}

interface RunningServer {
  kind: ServerKind;
  url: string;
  child: ChildProcess;
  /** Room names (and cookies, for ours) for `count` calendars. */
  rooms(count: number): Promise<WorkloadPlan['rooms']>;
  stop(): Promise<void>;
}

/** Where our processes keep their data: Postgres (DATABASE_URL) or PGlite (DATA_DIR). */
type DatabaseEnv = { DATABASE_URL: string } | { DATA_DIR: string };

async function startServer(
  kind: ServerKind,
  databaseEnv: DatabaseEnv | null,
  label: string = kind,
  api: OurApi | null = ourApiBeside,
): Promise<RunningServer> {
  const port = await freePort();
  let child: ChildProcess;
  // A directory per run: a peer runs through tsx, whose loader thread writes a profile too.
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, label)}`]
    : [];
  if (isOurRelay(kind)) {
    const main = kind === 'baseline' ? baselineRelay! : ourRelay;
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    child = spawn(process.execPath, [...memoryProbe, ...profile, main], {
      env: {
        PATH: process.env.PATH ?? '',
        // Read by the memory probe (collect-garbage-on-request.mjs); the peers inherit it.
        BENCH_HEAP_SNAPSHOTS: process.env.BENCH_HEAP_SNAPSHOTS ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ...databaseEnv!,
        REALTIME_MAX_CONNECTIONS_PER_USER: '100000',
        // Any other relay setting (REALTIME_PERSIST_INTERVAL_MS, say) can be tried from here.
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => name.startsWith('REALTIME_')),
        ),
      },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/ready`).then(
          (response) => response.ok,
          () => false,
        ),
      `our relay (${kind})`,
      60_000,
    );
  } else {
    child = fork(path.join(here, 'peers', `${kind}.server.ts`), [String(port)], {
      execArgv: [...sourceFlags, ...memoryProbe, ...profile],
    });
    await new Promise((resolve) => child.once('message', resolve));
  }
  const url = `ws://127.0.0.1:${port}`;
  let counter = 0;
  return {
    kind,
    url,
    child,
    async rooms(count) {
      if (!isOurRelay(kind))
        return Array.from({ length: count }, () => ({ room: `bench-${counter++}` }));
      return calendarsOn(api!, count);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `count` new calendars of the bench project, as rooms with the owner's and viewer's cookies. */
async function calendarsOn(api: OurApi, count: number): Promise<WorkloadPlan['rooms']> {
  const { projectId, ownerCookie, viewerCookie } = api.accounts;
  const rooms: WorkloadPlan['rooms'] = [];
  for (let i = 0; i < count; i++) {
    const response = await post(
      api.port,
      `/api/projects/${projectId}/calendars`,
      { name: `Bench ${rooms.length + 1}`, timezone: 'UTC' },
      ownerCookie,
    );
    const { calendar } = (await response.json()) as { calendar: { id: string } };
    rooms.push({ room: calendar.id, editorCookie: ownerCookie, viewerCookie });
  }
  return rooms;
}

/** A history of 10,000 small edits, each an update of its own. */
function benchLog(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const events = doc.getMap('bench');
  for (let i = 0; i < 10_000; i++) events.set(`k${i % 500}`, i);
  return updates;
}

/** benchLog() written to each room's calendar, one row per update as the relay writes rows. */
async function writeLogs(sql: Sql, rooms: WorkloadPlan['rooms']): Promise<number> {
  const updates = benchLog();
  for (const { room } of rooms) {
    for (let i = 0; i < updates.length; i += 1000) {
      await appendCalendarUpdates(
        sql,
        updates.slice(i, i + 1000).map((update) => ({ calendarId: room, update })),
      );
    }
  }
  return updates.length;
}

/** A fresh relay loads each room's calendar in turn, as a running relay meets them. */
async function measureLoads(
  databaseEnv: DatabaseEnv,
  rooms: WorkloadPlan['rooms'],
  label: string,
): Promise<number[]> {
  const server = await startServer('callboard', databaseEnv, `callboard-d-${label}`, null);
  try {
    const loads: number[] = [];
    for (const { room, editorCookie } of rooms) {
      const started = performance.now();
      const client = connectClient('callboard', server.url, room, editorCookie);
      await client.synced;
      loads.push(performance.now() - started);
      if (client.doc.getMap('bench').size !== 500) throw new Error('the load lost updates');
      client.destroy();
    }
    return loads;
  } finally {
    await server.stop();
  }
}

/** A JSON POST to our relay's API, with the Origin its CSRF check expects. */
function post(port: number, pathname: string, body: unknown, cookie?: string) {
  return fetch(`http://127.0.0.1:${port}${pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: `http://localhost:${port}`,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
}

interface BenchAccounts {
  projectId: string;
  ownerCookie: string;
  viewerCookie: string;
  /** The owner's identity, which every writer's presence announces, as the web app does. */
  owner: { id: string; name: string };
}

/** What writers announce on the peers, which have no sessions: the same shape and size. */
const peerWriter = { id: '00000000-0000-4000-8000-000000000000', name: 'owner' };

/**
 * An owner and a viewer of one project, made once on a server that is not measured: hashing
 * their passwords (argon2id is memory-hard) would leave tens of MiB in a measured server's
 * resident memory, which the memory per document is taken against.
 */
interface OurApi {
  port: number;
  accounts: BenchAccounts;
  stop(): Promise<void>;
}

/** Our API beside the measured relays on Postgres, and the accounts made there. */
let ourApiBeside: OurApi | null = null;

/** Our API on the relays' database, for accounts and calendars, with an owner and a viewer. */
async function startApi(databaseEnv: DatabaseEnv): Promise<OurApi> {
  if (!existsSync(ourApi)) throw new Error(`${ourApi} is missing: run npm run build first`);
  const port = await freePort();
  const child = spawn(process.execPath, [ourApi], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...databaseEnv,
      API_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    stdio: 'inherit',
  });
  await waitFor(
    () =>
      fetch(`http://127.0.0.1:${port}/ready`).then(
        (response) => response.ok,
        () => false,
      ),
    'our API',
    60_000,
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    port,
    accounts: await createAccounts(port),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function createAccounts(port: number): Promise<BenchAccounts> {
  {
    const register = async (name: string) => {
      const response = await post(port, '/api/auth/register', {
        email: `${name}-${Date.now()}@bench.test`,
        password: 'benchmark password',
        name,
      });
      return response.headers.get('set-cookie')!.split(';')[0]!;
    };
    const ownerCookie = await register('owner');
    const viewerCookie = await register('viewer');
    const { project } = (await (
      await post(port, '/api/projects', { name: 'Bench' }, ownerCookie)
    ).json()) as { project: { id: string } };
    const me = async (cookie: string) =>
      (
        (await (
          await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie } })
        ).json()) as { user: { id: string; name: string; email: string } }
      ).user;
    const owner = await me(ownerCookie);
    const viewer = { user: await me(viewerCookie) };
    await post(
      port,
      `/api/projects/${project.id}/members`,
      { email: viewer.user.email, role: 'viewer' },
      ownerCookie,
    );
    return {
      projectId: project.id,
      ownerCookie,
      viewerCookie,
      owner: { id: owner.id, name: owner.name },
    };
  }
}

interface WorkloadResult {
  /** Share of one core the server used while clients edited. */
  serverCpu: number;
  /** Share of one core Postgres used meanwhile (our relay's log; about 0 for the peers). */
  postgresCpu: number;
  /** Share of one core the client processes used meanwhile. */
  clientCpu: number;
  /** What the server's JavaScript held at the end of the measured window, after a collection. */
  serverHeldBytes: number;
  /** What each of `extraViewers` viewers joining after the window added to it. */
  bytesPerExtraConnection: number;
  /** CPU seconds the server spent from the first connection until every client had synced. */
  joinCpuSeconds: number;
  /** CPU seconds the client processes spent meanwhile: applying what they were sent, mostly. */
  clientJoinCpuSeconds: number;
  syncedStateBytes: number;
  syncMs: number;
  delays: number[];
  expected: number;
  delivered: number;
}

/** CPU seconds (user + system) in a /proc/<pid>/stat line. */
function statCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the process has used so far. */
function cpuSeconds(pid: number): number {
  return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/**
 * CPU seconds used so far by every Postgres process on this machine: our relay's log writes
 * cost CPU there too, on the same two cores, which the peers (memory only) never pay.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    if (stat.includes(' (postgres) ')) total += statCpuSeconds(stat);
  }
  return total;
}

/** Starts every client process, lets them edit once all are synced, and merges their reports. */
async function runWorkload(
  plan: Omit<WorkloadPlan, 'generator' | 'generators'>,
  server: ChildProcess,
): Promise<WorkloadResult> {
  const joinCpuBefore = cpuSeconds(server.pid!);
  const children = Array.from({ length: generators }, (_, generator) =>
    fork(
      path.join(here, 'load-generator.ts'),
      [JSON.stringify({ ...plan, generator, generators })],
      {
        execArgv: clientFlags,
      },
    ),
  );
  await Promise.all(children.map((child) => nextMessage(child, 'synced')));
  const joinCpuSeconds = cpuSeconds(server.pid!) - joinCpuBefore;
  const reports = Promise.all(children.map((child) => nextMessage(child, 'report')));
  const measureFrom = performance.timeOrigin + performance.now() + warmupSeconds * 1000;
  for (const child of children) child.send({ measureFrom });
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  const cpuBefore = cpuSeconds(server.pid!);
  const postgresBefore = postgresCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, plan.durationSeconds * 1000));
  const serverCpu = (cpuSeconds(server.pid!) - cpuBefore) / plan.durationSeconds;
  const postgresCpu = (postgresCpuSeconds() - postgresBefore) / plan.durationSeconds;
  // Taken once the last edits have arrived, while every client is still connected.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const serverHeldBytes = await heldBytes(server);
  const merged = (await reports).map((data) => data.report as GeneratorReport);
  const bytesPerExtraConnection = await bytesPerConnection(plan, server);
  for (const child of children) child.send('leave');
  const editsByRoom = new Map<number, number>();
  for (const report of merged) {
    for (const [room, edits] of Object.entries(report.editsByRoom)) {
      editsByRoom.set(Number(room), (editsByRoom.get(Number(room)) ?? 0) + edits);
    }
  }
  const edits = [...editsByRoom.values()].reduce((sum, n) => sum + n, 0);
  return {
    serverCpu,
    postgresCpu,
    serverHeldBytes,
    bytesPerExtraConnection,
    joinCpuSeconds,
    clientJoinCpuSeconds: merged.reduce((sum, r) => sum + r.joinCpuSeconds, 0),
    syncedStateBytes: Math.max(...merged.map((r) => r.syncedStateBytes)),
    clientCpu: merged.reduce((sum, r) => sum + r.cpuSeconds, 0) / plan.durationSeconds,
    syncMs: Math.max(...merged.map((r) => r.syncMs)),
    delays: merged.flatMap((r) => r.delays),
    delivered: merged.reduce((sum, r) => sum + r.delivered, 0),
    expected: edits * (plan.clientsPerRoom - 1),
  };
}

/** Viewers that join after the measured window, spread over its rooms, to price a connection. */
const extraViewers = 1000;
/**
 * Rooms a workload needs for that: 1,000 more on the one calendar of (c) or (e) would measure
 * the peers relaying each joiner's presence to every other client, not what a connection holds.
 */
const roomsToPriceConnections = 50;

/**
 * What one more connection costs the server: once the workload has run, with every client
 * still connected, one viewer joins each room (so whatever a server keeps per document for
 * joiners at this version is in place), memory is read, then `extraViewers` more viewers join
 * and it is read again. Documents and code are in both readings (the code a join runs has been
 * compiled by then), so the difference is what the connections themselves hold.
 */
async function bytesPerConnection(
  plan: Omit<WorkloadPlan, 'generator' | 'generators'>,
  server: ChildProcess,
): Promise<number> {
  if (plan.rooms.length < roomsToPriceConnections) return NaN;
  const viewers: BenchClient[] = [];
  const join = async (count: number) => {
    const joining = Array.from({ length: count }, (_, index) => {
      const room = plan.rooms[index % plan.rooms.length]!;
      return connectClient(plan.kind, plan.url, room.room, room.viewerCookie);
    });
    viewers.push(...joining);
    await Promise.all(joining.map((viewer) => viewer.synced));
    // Past the first answers and their writes: what stays is what each connection keeps.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  };
  try {
    await join(plan.rooms.length);
    const before = await heldBytes(server);
    await join(extraViewers);
    return ((await heldBytes(server)) - before) / extraViewers;
  } finally {
    for (const viewer of viewers) viewer.destroy();
  }
}

const fmtKiB = (kib: number) => (Number.isFinite(kib) ? kib.toFixed(1) : 'n/a');

const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

/** A delay in ms; `lost` where the percentile falls among updates that never arrived. */
const fmt = (ms: number) =>
  ms === Infinity ? 'lost' : Number.isFinite(ms) ? ms.toFixed(1) : 'n/a';

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

interface Row {
  serverCpu: number;
  postgresCpu: number;
  clientCpu: number;
  p50: number;
  p95: number;
  p99: number;
  delivered: number;
  expected: number;
  syncMs: number;
  joinCpuSeconds: number;
  clientJoinCpuSeconds: number;
  syncedStateBytes: number;
  memoryPerDocKiB: number;
  memoryPerConnectionKiB: number;
  /** What one more connection holds once the workload has run (`bytesPerConnection`). */
  memoryPerExtraConnectionKiB: number;
  /** First-sync answers the server sent and how many it encoded (ours, from /metrics). */
  syncAnswers: number;
  syncEncodings: number;
}

/** One server, fresh, through one workload. */
async function measure(
  kind: ServerKind,
  workload: Required<Workload>,
  round: number,
): Promise<Row> {
  const server = await startServer(
    kind,
    database && { DATABASE_URL: database.url },
    `${kind}-${workload.id}-${round + 1}`,
  );
  let seeder: BenchClient | null = null;
  let warmRoom: BenchClient[] = [];
  try {
    const rooms = await server.rooms(workload.rooms);
    if (workload.seeded) seeder = await seed(server, rooms);
    warmRoom = await warmUp(server);
    const before = await heldBytes(server.child);
    const result = await runWorkload(
      {
        kind,
        url: server.url,
        rooms,
        clientsPerRoom: workload.clientsPerRoom,
        writersPerRoom: workload.writersPerRoom,
        editorsPerRoom: workload.editorsPerRoom,
        presence: workload.presence,
        writer: isOurRelay(kind) ? ourApiBeside!.accounts.owner : peerWriter,
        editsPerSecond: 5,
        durationSeconds,
      },
      server.child,
    );
    // An update that never reached a client counts as the longest delay of all, so a server
    // cannot improve its percentiles by losing what it was slowest to deliver.
    const lost = Math.max(0, result.expected - result.delivered);
    const sorted = [
      ...result.delays.sort((x, y) => x - y),
      ...Array.from({ length: lost }, () => Infinity),
    ];
    return {
      serverCpu: result.serverCpu,
      postgresCpu: result.postgresCpu,
      clientCpu: result.clientCpu,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      delivered: result.delivered,
      expected: result.expected,
      syncMs: result.syncMs,
      joinCpuSeconds: result.joinCpuSeconds,
      clientJoinCpuSeconds: result.clientJoinCpuSeconds,
      syncedStateBytes: result.syncedStateBytes,
      memoryPerDocKiB: Math.max(0, result.serverHeldBytes - before) / workload.rooms / 1024,
      memoryPerConnectionKiB:
        Math.max(0, result.serverHeldBytes - before) /
        (workload.rooms * workload.clientsPerRoom) /
        1024,
      memoryPerExtraConnectionKiB: result.bytesPerExtraConnection / 1024,
      ...(isOurRelay(kind)
        ? await syncCounters(server.url)
        : { syncAnswers: NaN, syncEncodings: NaN }),
    };
  } finally {
    seeder?.destroy();
    for (const client of warmRoom) client.destroy();
    await server.stop();
  }
}

/**
 * One room of its own joined and edited in before memory is first read, so that the code a
 * workload runs (joining, syncing, checking and relaying edits) is compiled by then: otherwise
 * memory per document and per connection also counts each server's code, and ours has more.
 * The room stays open, idle, to the end, so it is in both readings.
 */
async function warmUp(server: RunningServer): Promise<BenchClient[]> {
  const [{ room, editorCookie }] = (await server.rooms(1)) as [WorkloadPlan['rooms'][number]];
  const clients = Array.from({ length: 10 }, () =>
    connectClient(server.kind, server.url, room, editorCookie),
  );
  await Promise.all(clients.map((client) => client.synced));
  for (let round = 0; round < 50; round++) {
    for (const [index, client] of clients.entries()) {
      client.doc
        .getMap<Y.Map<number>>('events')
        .set(`warm-${index}:${round}`, new Y.Map<number>([['sentAt', Date.now()]]));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Every client holds every edit: the relaying is done.
  await waitFor(
    () => clients.every((client) => client.doc.getMap('events').size === 500),
    'the warm-up edits at every client',
    30_000,
  );
  return clients;
}

/**
 * Gives the workload's calendar its 10,000-update history: in our log, which the relay loads
 * when the storm arrives, or, for a peer that keeps documents in memory only, through a client
 * that stays connected so the peer keeps the document.
 */
async function seed(
  server: RunningServer,
  rooms: WorkloadPlan['rooms'],
): Promise<BenchClient | null> {
  if (isOurRelay(server.kind)) {
    await writeLogs(database!.sql, rooms);
    return null;
  }
  const [{ room }] = rooms as [WorkloadPlan['rooms'][number]];
  const seeder = connectClient(server.kind, server.url, room);
  Y.applyUpdate(seeder.doc, Y.mergeUpdates(benchLog()));
  await seeder.synced;
  // The peer holds the history once a second client syncs it.
  await waitFor(
    async () => {
      const probe = connectClient(server.kind, server.url, room);
      await probe.synced;
      const size = probe.doc.getMap('bench').size;
      probe.destroy();
      return size === 500;
    },
    'the seeded history on the peer',
    30_000,
  );
  return seeder;
}

/** Our relay's first-sync counters (every step, summed over labels). */
async function syncCounters(
  wsUrl: string,
): Promise<{ syncAnswers: number; syncEncodings: number }> {
  const text = await (await fetch(`${wsUrl.replace('ws:', 'http:')}/metrics`)).text();
  const sum = (name: string) =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
      (total, match) => total + Number(match[1]),
      0,
    );
  return {
    syncAnswers: sum('callboard_yjs_sync_answers_total'),
    syncEncodings: sum('callboard_yjs_sync_encodings_total'),
  };
}

const database = kinds.some(isOurRelay) ? await createTestDatabase() : null;
if (kinds.some(isOurRelay) && !database)
  throw new Error('our relay needs Postgres: set TEST_DATABASE_URL');
const results = new Map<string, Map<ServerKind, Row>>();
try {
  if (database) ourApiBeside = await startApi({ DATABASE_URL: database.url });
  for (const workload of workloads.filter((w) => only.has(w.id))) {
    console.log(`(${workload.id}) ${workload.title}`);
    const runs = new Map<ServerKind, Row[]>(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < rounds; round++) {
      const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]!);
      for (const kind of order) {
        const row = await measure(kind, workload, round);
        runs.get(kind)!.push(row);
        console.log(
          `(${workload.id}) round ${round + 1}/${rounds} ${kind}: p50 ${fmt(row.p50)} p95 ${fmt(row.p95)} p99 ${fmt(row.p99)} ms, delivered ${row.delivered}/${row.expected}, server CPU ${percent(row.serverCpu)}, Postgres CPU ${percent(row.postgresCpu)}, client CPU ${percent(row.clientCpu)}`,
        );
      }
    }
    results.set(
      workload.id,
      new Map(
        [...runs].map(
          ([kind, rows]) => [kind, combineRounds(rows, ['delivered', 'expected'])] as const,
        ),
      ),
    );
  }

  const loads = new Map<string, number[]>();
  if (only.has('d') && database) {
    const rooms = await calendarsOn(ourApiBeside!, coldLoads);
    const logged = await writeLogs(database.sql, rooms);
    loads.set('Postgres', await measureLoads({ DATABASE_URL: database.url }, rooms, 'postgres'));
    // PGlite admits one process at a time: the API makes the calendars and stops, the logs are
    // written, then the relay opens the same directory alone.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'callboard-bench-'));
    try {
      const api = await startApi({ DATA_DIR: dataDir });
      const embeddedRooms = await calendarsOn(api, coldLoads);
      await api.stop();
      const embedded = await openDatabase({ dataDir });
      await writeLogs(embedded.sql, embeddedRooms);
      await embedded.close();
      loads.set('PGlite', await measureLoads({ DATA_DIR: dataDir }, embeddedRooms, 'pglite'));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    for (const [where, times] of loads)
      console.log(
        `(d) ${where}: loaded ${times.length} calendars, each from a log of ${logged} updates: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      );
  }

  console.log(
    `\nmedians over ${rounds} rounds: edit → arrival at every other client (ms), deliveries (all rounds), time for all clients to sync and the server's CPU seconds for it (join s), memory held per loaded document and per connection (both the whole workload's memory, divided) and what one more connection adds (KiB/+conn: ${extraViewers} viewers joining after the window), CPU of the server, of Postgres and of the clients while they edit (share of one core); after ${warmupSeconds} s of warm-up editing, ${durationSeconds} s measured`,
  );
  console.log(
    `${'workload'.padEnd(10)}${'server'.padEnd(12)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(9)}${'delivered/expected'.padStart(22)}${'sync ms'.padStart(10)}${'join s'.padStart(8)}${'KiB/doc'.padStart(10)}${'KiB/conn'.padStart(10)}${'KiB/+conn'.padStart(11)}${'CPU'.padStart(7)}${'DB CPU'.padStart(8)}${'clients'.padStart(9)}`,
  );
  for (const [id, row] of results) {
    for (const [kind, r] of row) {
      console.log(
        `${id.padEnd(10)}${kind.padEnd(12)}${fmt(r.p50).padStart(8)}${fmt(r.p95).padStart(8)}${fmt(r.p99).padStart(9)}${`${r.delivered}/${r.expected}`.padStart(22)}${r.syncMs.toFixed(0).padStart(10)}${r.joinCpuSeconds.toFixed(2).padStart(8)}${r.memoryPerDocKiB.toFixed(0).padStart(10)}${r.memoryPerConnectionKiB.toFixed(1).padStart(10)}${fmtKiB(r.memoryPerExtraConnectionKiB).padStart(11)}${percent(r.serverCpu).padStart(7)}${percent(r.postgresCpu).padStart(8)}${percent(r.clientCpu).padStart(9)}`,
      );
    }
  }
  for (const [where, times] of loads) {
    const sorted = [...times].sort((x, y) => x - y);
    const p50 = percentile(sorted, 50);
    console.log(
      `d         callboard   load of a calendar whose log holds 10,000 updates, ${where}: p50 ${p50.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms over ${times.length} (peers keep documents in memory only: n/a)`,
    );
  }

  console.log('\nratios and targets');
  for (const [where, times] of loads) {
    const p50 = percentile(
      [...times].sort((x, y) => x - y),
      50,
    );
    console.log(`(d) ${where}: target p50 < 200 ms: ${p50 < 200 ? 'met' : 'missed'}`);
  }
  for (const [id, row] of results) {
    const ours = row.get('callboard');
    if (!ours) continue;
    const reference = row.get('reference');
    const hocuspocus = row.get('hocuspocus');
    const baseline = row.get('baseline');
    const ratio = (peer?: Row) =>
      peer ? `${(ours.p99 / Math.max(peer.p99, 0.1)).toFixed(2)}x` : 'n/a';
    console.log(
      `(${id}) our p99 vs reference ${ratio(reference)}, vs Hocuspocus ${ratio(hocuspocus)}`,
    );
    if (baseline && reference)
      console.log(
        `(${id}) baseline (${baselineRelay}) p99 vs reference ${(baseline.p99 / Math.max(reference.p99, 0.1)).toFixed(2)}x; ours vs baseline ${ratio(baseline)} p99, ${(ours.serverCpu / Math.max(baseline.serverCpu, 0.001)).toFixed(2)}x CPU`,
      );
    if (['a', 'b', 'a-plain', 'b-plain'].includes(id)) {
      console.log(
        `(${id}) target p99 within 2x of the reference: ${reference ? (ours.p99 <= 2 * Math.max(reference.p99, 1) ? 'met' : 'missed') : 'n/a'}`,
      );
      if (reference)
        console.log(
          `(${id}) memory per connection ${ours.memoryPerExtraConnectionKiB.toFixed(1)} against the reference's ${reference.memoryPerExtraConnectionKiB.toFixed(1)} KiB: ${ours.memoryPerExtraConnectionKiB <= reference.memoryPerExtraConnectionKiB ? 'at or below' : 'above'}`,
        );
    }
    if (id === 'c') {
      console.log(
        `(c) target p99 < 50 ms: ${ours.p99 < 50 ? 'met' : 'missed'}; every client synced in < 5 s: ${ours.syncMs < 5000 ? 'met' : 'missed'}`,
      );
    }
    if (id === 'e') {
      const peers = [reference, hocuspocus].filter((peer) => peer !== undefined);
      // The clients share the machine's cores with the server: what they spend bounds the storm.
      for (const [kind, r] of row)
        console.log(
          `(e) ${kind}: clients spent ${r.clientJoinCpuSeconds.toFixed(2)} CPU s until all synced (server ${r.joinCpuSeconds.toFixed(2)} s); each client's synced state ${(r.syncedStateBytes / 1024).toFixed(0)} KiB`,
        );
      console.log(
        `(e) first-sync answers ${ours.syncAnswers}, encodings ${ours.syncEncodings} (median round); target every client synced in < 3 s: ${ours.syncMs < 3000 ? 'met' : 'missed'}; join CPU below every peer's: ${peers.length > 0 && peers.every((peer) => ours.joinCpuSeconds < peer.joinCpuSeconds) ? 'met' : 'missed'}`,
      );
    }
    if (hocuspocus)
      console.log(
        `(${id}) target ahead of Hocuspocus on p99: ${ours.p99 < hocuspocus.p99 ? 'met' : 'missed'}`,
      );
  }
} finally {
  await ourApiBeside?.stop();
  await database?.drop().catch(() => undefined);
}
