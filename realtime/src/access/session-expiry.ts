import type { Logger } from '@callboard/platform';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import type { GuardedConnection } from './guarded-connection.js';

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SessionExpiryOptions {
  expiresAt: Date;
  /** Validates the session again; its new expiry, or null when it is no longer valid. */
  revalidate(): Promise<Date | null>;
  /** Called once when the session turns out to have ended. */
  onExpired(): void;
  /** Called when revalidation itself fails; the check is retried after `retryMs`. */
  onError?(error: unknown): void;
  retryMs?: number;
}

/**
 * Keeps a long-lived connection honest about its session: at the expiry seen at the upgrade
 * the session is validated again (it slides while the user works), and the connection ends
 * only if it really expired. Logout and revocation arrive sooner through account events.
 * Returns a function that stops watching.
 */
export function watchSessionExpiry(options: SessionExpiryOptions): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (at: number) => {
    if (stopped) return;
    timer = setTimeout(() => void check(at), Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS));
    timer.unref();
  };
  const check = async (at: number) => {
    if (Date.now() < at) return schedule(at);
    try {
      const renewed = await options.revalidate();
      if (stopped) return;
      if (renewed && renewed.getTime() > Date.now()) schedule(renewed.getTime());
      else options.onExpired();
    } catch (error) {
      options.onError?.(error);
      schedule(Date.now() + (options.retryMs ?? 30_000));
    }
  };
  schedule(options.expiresAt.getTime());
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/**
 * Ends `connection` once its session has really expired, validating it again at the expiry
 * seen at the handshake, with the same rule for every transport.
 */
export function watchConnectionSession(
  connection: GuardedConnection,
  expiresAt: Date,
  deps: RealtimeDependencies,
  logger: Logger,
): () => void {
  const { account } = connection;
  if (!account) return () => undefined;
  return watchSessionExpiry({
    expiresAt,
    async revalidate() {
      const session = await deps.sessions.validateCookieHeader(account.cookieHeader);
      return session?.sessionId === account.sessionId ? session.expiresAt : null;
    },
    onExpired: () => connection.endSession('expired', 'session expired'),
    onError: (error) => logger.warn({ err: error }, 'session check failed; retrying'),
  });
}
