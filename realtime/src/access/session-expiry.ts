import type { Logger } from '@callboard/platform';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import type { GuardedConnection } from './guarded-connection.js';

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The session one watch keeps an eye on. */
export interface WatchedSession {
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
 * A class, not closures: one is held for every open connection.
 */
export class SessionExpiryWatch {
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(private readonly session: WatchedSession) {
    this.#schedule(session.expiresAt.getTime());
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #schedule(at: number): void {
    if (this.#stopped) return;
    const delay = Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS);
    this.#timer = setTimeout(() => void this.#check(at), delay);
    this.#timer.unref();
  }

  async #check(at: number): Promise<void> {
    if (Date.now() < at) return this.#schedule(at);
    try {
      const renewed = await this.session.revalidate();
      if (this.#stopped) return;
      if (renewed && renewed.getTime() > Date.now()) this.#schedule(renewed.getTime());
      else this.session.onExpired();
    } catch (error) {
      this.session.onError?.(error);
      this.#schedule(Date.now() + (this.session.retryMs ?? 30_000));
    }
  }
}

/** A connection's session as its watch sees it. */
class ConnectionSession implements WatchedSession {
  constructor(
    private readonly connection: GuardedConnection,
    readonly expiresAt: Date,
    private readonly deps: RealtimeDependencies,
    private readonly logger: Logger,
  ) {}

  async revalidate(): Promise<Date | null> {
    const { account } = this.connection;
    const session = await this.deps.sessions.validateCookieHeader(account.cookieHeader);
    return session?.sessionId === account.sessionId ? session.expiresAt : null;
  }

  onExpired(): void {
    this.connection.endSession('expired', 'session expired');
  }

  onError(error: unknown): void {
    this.logger.warn({ err: error }, 'session check failed; retrying');
  }
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
): SessionExpiryWatch {
  return new SessionExpiryWatch(new ConnectionSession(connection, expiresAt, deps, logger));
}
