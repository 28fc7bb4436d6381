import { FakeAccounts, type FakeAccountsState } from './fake-accounts.js';
import { startRelayTestServer } from './relay-test-server.js';

// A relay in its own process, so tests can kill it with SIGKILL or run two side by side.
// Its settings come from the parent test through the environment.
const accounts = new FakeAccounts(
  JSON.parse(process.env.RELAY_TEST_ACCOUNTS ?? '{}') as FakeAccountsState,
);
const server = await startRelayTestServer({
  databaseUrl: process.env.DATABASE_URL!,
  deps: accounts.deps,
  redis: process.env.REDIS_URL
    ? { url: process.env.REDIS_URL, prefix: process.env.REDIS_PREFIX ?? 'test:' }
    : null,
  port: Number(process.env.PORT ?? 0),
  env: Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('REALTIME_')),
  ) as Record<string, string>,
});
process.stdout.write(`listening ${server.port}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
