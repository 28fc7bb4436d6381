// Runs its share of one workload's clients in its own process against one server and reports
// the figures; BENCH_GENERATORS of these share the clients.
import * as Y from 'yjs';
import { connectClient, type BenchClient, type ServerKind } from './bench-clients.js';

export interface WorkloadPlan {
  kind: ServerKind;
  url: string;
  /** One entry per calendar (room): its id, and the cookies of its clients' sessions. */
  rooms: { room: string; editorCookie?: string; viewerCookie?: string }[];
  clientsPerRoom: number;
  /** Clients per room with write access (the first ones); the rest connect as viewers. */
  writersPerRoom: number;
  /** Writers per room that edit. */
  editorsPerRoom: number;
  /** Whether writers announce presence; viewers never do. */
  presence: boolean;
  /** Who the writers are: their session's user on our relay, whose presence they announce. */
  writer: { id: string; name: string };
  editsPerSecond: number;
  durationSeconds: number;
  /** This process runs the clients whose index modulo `generators` equals `generator`. */
  generator: number;
  generators: number;
}

export interface GeneratorReport {
  syncMs: number;
  /** CPU seconds this process used from its first connection until all its clients synced. */
  joinCpuSeconds: number;
  /** The size of the state a client holds once synced, as an update. */
  syncedStateBytes: number;
  delays: number[];
  delivered: number;
  /** CPU seconds this process used while its clients edited. */
  cpuSeconds: number;
  /** Edits this process's editors made, per room index. */
  editsByRoom: Record<number, number>;
}

// Every stock provider registers an exit handler; a thousand of them are expected here.
process.setMaxListeners(0);
const plan = JSON.parse(process.argv[2]!) as WorkloadPlan;
const clients: { client: BenchClient; room: number; index: number; editor: boolean }[] = [];
const started = performance.now();
const joinCpuBefore = process.cpuUsage();
for (const [room, entry] of plan.rooms.entries()) {
  for (let i = 0; i < plan.clientsPerRoom; i++) {
    const index = room * plan.clientsPerRoom + i;
    if (index % plan.generators !== plan.generator) continue;
    const editor = i < plan.editorsPerRoom;
    const writer = i < plan.writersPerRoom;
    const cookie = writer ? entry.editorCookie : entry.viewerCookie;
    // The presence the web app announces for a member who may edit.
    const presence =
      writer && plan.presence
        ? {
            user: { ...plan.writer, color: '#2563eb' },
            editing: null,
          }
        : undefined;
    clients.push({
      client: connectClient(plan.kind, plan.url, entry.room, cookie, presence),
      room,
      index,
      editor,
    });
  }
}
await Promise.all(clients.map((c) => c.client.synced));
const syncMs = performance.now() - started;
const joinCpu = process.cpuUsage(joinCpuBefore);
const joinCpuSeconds = (joinCpu.user + joinCpu.system) / 1e6;
const syncedStateBytes = clients[0] ? Y.encodeStateAsUpdate(clients[0].client.doc).length : 0;

/**
 * Wall-clock time in fractional milliseconds: every client process on this machine reads the
 * same clock, so a delay can be taken across processes below Date.now()'s 1 ms steps.
 */
const wallClock = () => performance.timeOrigin + performance.now();

/** Edits made before this wall-clock time warm up both ends and are not measured. */
let measureFrom = Infinity;

// Every client records, for each measured edit it did not make, how long it took to arrive.
const delays: number[] = [];
let delivered = 0;
for (const { client, index } of clients) {
  // Each edit adds an event holding its send time, as the relay accepts only the schema.
  const map = client.doc.getMap<Y.Map<number>>('events');
  map.observe((event) => {
    if (event.transaction.local) return;
    const now = wallClock();
    for (const key of event.keysChanged) {
      if (key.startsWith(`${index}:`)) continue;
      const sentAt = map.get(key)?.get('sentAt');
      if (typeof sentAt === 'number' && sentAt >= measureFrom) {
        delays.push(now - sentAt);
        delivered += 1;
      }
    }
  });
}

// Edit only once every generator's clients are in, so arrivals are measured against full rooms.
process.send?.({ type: 'synced' });
// The parent names one measuring start for every generator.
measureFrom = await new Promise<number>((resolve) =>
  process.once('message', (message) => resolve((message as { measureFrom: number }).measureFrom)),
);
const deadline = measureFrom + plan.durationSeconds * 1000;

const editors = clients.filter((c) => c.editor);
const editsByRoom: Record<number, number> = {};
const interval = 1000 / plan.editsPerSecond;
for (const [n, { client, index, room }] of editors.entries()) {
  setTimeout(
    () => {
      let seq = 0;
      const timer = setInterval(() => {
        const now = wallClock();
        if (now >= deadline) return clearInterval(timer);
        client.doc
          .getMap<Y.Map<number>>('events')
          .set(`${index}:${seq++}`, new Y.Map<number>([['sentAt', now]]));
        if (now >= measureFrom) editsByRoom[room] = (editsByRoom[room] ?? 0) + 1;
      }, interval);
    },
    (n * interval) / Math.max(1, editors.length),
  );
}
const sleepUntil = (wallTime: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, wallTime - wallClock())));
await sleepUntil(measureFrom);
const cpuBefore = process.cpuUsage();
await sleepUntil(deadline);
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// The last edits' arrivals.
await sleepUntil(deadline + 3000);
const report: GeneratorReport = {
  syncMs,
  joinCpuSeconds,
  syncedStateBytes,
  delays,
  delivered,
  cpuSeconds,
  editsByRoom,
};
process.send?.({ type: 'report', report });
// Connected until told to leave: memory per connection is read with every client still on.
process.on('message', (message) => {
  if (message !== 'leave') return;
  for (const { client } of clients) client.destroy();
  process.exit(0);
});
