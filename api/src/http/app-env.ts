import type { ValidatedSession } from '../auth/session.service.js';
import type { Logger } from '../platform/logger.js';

/** Per-request values set by middleware. */
export interface AppVariables {
  requestId: string;
  logger: Logger;
  clientIp: string;
  /** Set by the session middleware when the cookie carries a valid session. */
  session: ValidatedSession | undefined;
}

export interface AppEnv {
  Variables: AppVariables;
}
