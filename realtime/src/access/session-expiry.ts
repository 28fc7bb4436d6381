import type { Logger } from '@callboard/platform';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import type { GuardedConnection } from './guarded-connection.js';

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `SessionExpiries` asks of the connections it watches. */
export interface SessionChecks<C> {
  /** Validates the connection's session again: its new expiry, or null when it is no longer valid. */
  revalidate(connection: C): Promise<Date | null>;
  /** Called once when the connection's session turns out to have ended. */
  onExpired(connection: C): void;
  /** Called when revalidation itself fails; the check is retried after `retryMs`. */
  onError?(error: unknown, connection: C): void;
  retryMs?: number;
}

/**
 * Keeps long-lived connections honest about their sessions: at the expiry seen at the upgrade
 * the session is validated again (it slides while the user works), and a connection ends only
 * if its session really expired. Logout and revocation arrive sooner through account events.
 *
 * One timer, set for the earliest expiry, serves every connection of a server: a timer and a
 * watcher each held about 400 bytes for every open connection.
 */
export class SessionExpiries<C extends object> {
  readonly #dueAt = new Map<C, number>();
  /** Connections whose session is being validated again; unwatching one drops the answer. */
  readonly #checking = new Set<C>();
  #timer: NodeJS.Timeout | null = null;
  /** When the timer fires (epoch ms); Infinity when there is none. */
  #timerAt = Infinity;

  constructor(private readonly checks: SessionChecks<C>) {}

  watch(connection: C, expiresAt: Date): void {
    this.#setDue(connection, expiresAt.getTime());
  }

  /** Forgets a connection; the timer stays, and finds nothing due for it. */
  unwatch(connection: C): void {
    this.#dueAt.delete(connection);
    this.#checking.delete(connection);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Infinity;
    this.#dueAt.clear();
    this.#checking.clear();
  }

  #setDue(connection: C, at: number): void {
    this.#dueAt.set(connection, at);
    if (at < this.#timerAt) this.#arm(at);
  }

  #arm(at: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    const delay = Math.min(Math.max(0, at - Date.now()), MAX_TIMER_MS);
    this.#timer = setTimeout(() => this.#fire(), delay);
    this.#timer.unref();
  }

  /** Checks every connection that is due and sets the timer for the next; rare, so a scan. */
  #fire(): void {
    this.#timer = null;
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [connection, at] of this.#dueAt) {
      if (at <= now) {
        this.#dueAt.delete(connection);
        void this.#check(connection);
      } else if (at < next) next = at;
    }
    if (next < this.#timerAt) this.#arm(next);
  }

  async #check(connection: C): Promise<void> {
    this.#checking.add(connection);
    let renewed: Date | null;
    try {
      renewed = await this.checks.revalidate(connection);
    } catch (error) {
      if (!this.#checking.delete(connection)) return;
      this.checks.onError?.(error, connection);
      this.#setDue(connection, Date.now() + (this.checks.retryMs ?? 30_000));
      return;
    }
    if (!this.#checking.delete(connection)) return;
    if (renewed && renewed.getTime() > Date.now()) this.#setDue(connection, renewed.getTime());
    else this.checks.onExpired(connection);
  }
}

/**
 * Session expiries for connections as account changes see them (`guard` gives that view of
 * one), with the same rule for every transport: the session the connection was opened with is
 * validated again by its id, so no connection keeps the token it came with.
 */
export function connectionSessionExpiries<C extends object>(
  guard: (connection: C) => GuardedConnection,
  deps: RealtimeDependencies,
  logger: Logger,
): SessionExpiries<C> {
  return new SessionExpiries<C>({
    async revalidate(connection) {
      const { account } = guard(connection);
      const session = await deps.sessions.validateSessionId(account.sessionId);
      return session ? session.expiresAt : null;
    },
    onExpired(connection) {
      guard(connection).endSession('expired', 'session expired');
    },
    onError(error) {
      logger.warn({ err: error }, 'session check failed; retrying');
    },
  });
}
