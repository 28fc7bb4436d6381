import net from 'node:net';

/** Under REQUIRE_SERVICES=1 (CI) a missing service fails the run instead of skipping tests. */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Resolves whether a TCP listener answers at the URL's host and port. */
export function isReachable(url: string, defaultPort: number, timeoutMs = 2000): Promise<boolean> {
  const parsed = new URL(url);
  const port = Number(parsed.port || defaultPort);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Returns true when the service answers. Otherwise prints a visible skip notice and
 * returns false, or throws naming the service when REQUIRE_SERVICES=1.
 */
export async function checkService(
  name: 'Postgres' | 'Redis',
  url: string,
  defaultPort: number,
): Promise<boolean> {
  if (await isReachable(url, defaultPort)) return true;
  const where = new URL(url).host;
  if (servicesRequired) {
    throw new Error(`REQUIRE_SERVICES=1 but ${name} is unreachable at ${where}`);
  }
  console.warn(
    `\n  SKIPPED: ${name} is unreachable at ${where}; tests that need it are skipped.\n`,
  );
  return false;
}
