// The processes the API benchmarks start: the API itself and the load generator, each in its
// own process so neither shares a core with the other's event loop.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceFlags = ['--conditions=callboard-source', '--import', 'tsx'];

export interface Figures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** Runs autocannon against `url` in its own process and resolves with its figures. */
export function load(options: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}): Promise<Figures> {
  const child = fork(path.join(here, 'load-generator.ts'), [JSON.stringify(options)], {
    execArgv: sourceFlags,
  });
  return new Promise((resolve, reject) => {
    child.once('message', (figures) => resolve(figures as Figures));
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
  });
}

export async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${url} never answered`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The API from its sources as production runs it, on `port`, with rate limits out of the way.
 * BENCH_CPU_PROF=<dir> writes its CPU profile there when it stops.
 */
export function spawnApi(port: number, env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      ...sourceFlags,
      path.join(here, '../src/main.ts'),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        API_RATE_LIMIT_PER_MINUTE: '100000000',
        ...env,
      },
      stdio: 'inherit',
    },
  );
}
