import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

const HEADER = 'x-request-id';
/** A caller's (or the proxy's) id is kept when it is short and plain, so logs correlate. */
const ACCEPTED_ID = /^[\w\-=]{1,64}$/;

/**
 * Gives the request an id for its log lines and echoes it in `X-Request-Id`.
 *
 * Under @hono/node-server the header goes straight onto the Node response, which merges it
 * at writeHead: setting it through Hono would build a web `Headers` object per response,
 * which cost a quarter of the throughput of cached reads.
 */
export function assignRequestId(c: Context<AppEnv>): string {
  const offered = c.req.header(HEADER);
  const id = offered && ACCEPTED_ID.test(offered) ? offered : crypto.randomUUID();
  c.set('requestId', id);
  const outgoing = c.env?.outgoing;
  if (outgoing) outgoing.setHeader(HEADER, id);
  else c.header(HEADER, id);
  return id;
}
