import type { HttpBindings } from '@hono/node-server';
import type { ValidatedSession } from '../auth/session.service.js';

/** Per-request values set by middleware. */
export interface AppVariables {
  requestId: string;
  clientIp: string;
  /** Set by the session middleware when the cookie carries a valid session. */
  session: ValidatedSession | undefined;
}

export interface AppEnv {
  Variables: AppVariables;
  /** The Node request and response under @hono/node-server; absent under `app.request()`. */
  Bindings: Partial<HttpBindings> | undefined;
}
