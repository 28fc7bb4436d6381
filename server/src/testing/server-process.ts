import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@callboard/db/testing';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Source entry points of the processes an install can run. */
export const entries = {
  combined: `${repositoryRoot}server/src/main.ts`,
  api: `${repositoryRoot}api/src/main.ts`,
  realtime: `${repositoryRoot}realtime/src/main.ts`,
  web: `${repositoryRoot}server/src/web.main.ts`,
} as const;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for assertions about its output. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs a process from source (by default the combined server, as `npm start` runs its build). */
export function runServer(
  env: Record<string, string>,
  entry: string = entries.combined,
): Promise<{
  exitCode: number | null;
  output: string;
}> & {
  child: ChildProcess;
} {
  const child = spawn(
    process.execPath,
    ['--conditions=callboard-source', '--import', 'tsx', entry],
    {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ exitCode: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ exitCode: code, output })),
  );
  return Object.assign(done, { child });
}

/** Starts a process on a free port (or env.PORT) and waits until its /ready answers 200. */
export async function startServer(
  env: Record<string, string>,
  entry: string = entries.combined,
): Promise<ServerProcess> {
  // A fixed PORT lets a test start a process again where its clients reconnect.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const run = runServer({ PORT: String(port), HOST: '127.0.0.1', ...env }, entry);
  let output = '';
  run.child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  run.child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  void run.then(() => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`server exited during start-up:\n${output}`);
      return fetch(`${url}/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
    },
    'the server to become ready',
    90_000,
  ).catch((error: unknown) => {
    run.child.kill('SIGKILL');
    throw new Error(`${String(error)}\n${output}`);
  });
  return {
    url,
    child: run.child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (exited) return run.child.exitCode;
      run.child.kill(signal);
      return (await run).exitCode;
    },
  };
}
