import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeAccountsState } from './fake-accounts.js';

const entry = fileURLToPath(new URL('./relay-process.entry.ts', import.meta.url));

export interface RelayProcess {
  child: ChildProcess;
  port: number;
  yjsUrl: string;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
}

/** Starts the relay as a separate Node process (as production runs it) and waits for it to listen. */
export async function startRelayProcess(options: {
  databaseUrl: string;
  accounts: FakeAccountsState;
  redis?: { url: string; prefix: string };
  port?: number;
  env?: Record<string, string>;
}): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=callboard-source', '--import', 'tsx', entry],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redis?.url ?? '',
        REDIS_PREFIX: options.redis?.prefix ?? 'test:',
        PORT: String(options.port ?? 0),
        RELAY_TEST_ACCOUNTS: JSON.stringify(options.accounts),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) =>
      reject(new Error(`relay process exited with ${code} before listening`)),
    );
  });
  return { child, port, yjsUrl: `ws://127.0.0.1:${port}/yjs`, exited };
}
