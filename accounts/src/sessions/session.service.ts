import type { SessionRepository } from '@callboard/db';
import type { AccountEventFeed } from '../events/account-event-feed.js';
import {
  generateSessionToken,
  readSessionToken,
  sessionCookieName,
  sessionIdFromToken,
} from './session-token.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
}

export interface ValidatedSession {
  sessionId: string;
  user: AuthenticatedUser;
  expiresAt: Date;
}

export interface SessionValidator {
  /** Never throws on bad input: a missing, malformed, unknown or expired token gives null. */
  validateCookieHeader(cookieHeader: string | undefined): Promise<ValidatedSession | null>;
  /**
   * The session with this id, validated again (and renewed) as its token would be: how a
   * long-lived connection checks its session without keeping the token. Null for a session
   * that ended; throws when the database cannot answer, which says nothing about the session.
   */
  validateSessionId(sessionId: string): Promise<ValidatedSession | null>;
}

export interface ValidatedToken extends ValidatedSession {
  /** True when the expiry was pushed out and the cookie should be sent again. */
  renewed: boolean;
}

/**
 * Validated sessions are remembered this long, so a busy client costs no database read per
 * request. Revocations evict at once, on every instance, through the account-events bus. The
 * cache is keyed by token, in memory only, so a hit also skips hashing it.
 */
const CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 50_000;

/** Lucia's session model: hashed ids, sliding expiry renewed when half used. */
export class SessionService implements SessionValidator {
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { session: ValidatedSession; cachedAt: number }>();
  /** The cache key (token) of each cached session id, for evicting by id. */
  readonly #tokenBySessionId = new Map<string, string>();

  readonly #cookieName: string;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly events: AccountEventFeed,
    ttlDays: number,
    /** Whether the install is served over https, which names the cookie `__Host-session`. */
    secureCookies: boolean,
  ) {
    this.#ttlMs = ttlDays * DAY_MS;
    this.#cookieName = sessionCookieName(secureCookies);
    // Revocations by any instance evict at once; after a bus outage nothing cached is trusted.
    events.onEvent((event) => {
      if (event.type === 'session.revoked') this.evict({ sessionId: event.sessionId });
      if (event.type === 'user.sessions-revoked') this.evict({ userId: event.userId });
    });
    events.onMissedEvents(() => this.#clearCache());
  }

  get ttlSeconds(): number {
    return Math.floor(this.#ttlMs / 1000);
  }

  async create(userId: string): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const token = generateSessionToken();
    const sessionId = sessionIdFromToken(token);
    const expiresAt = new Date(Date.now() + this.#ttlMs);
    await this.sessions.insert({ id: sessionId, userId, expiresAt });
    return { token, sessionId, expiresAt };
  }

  /**
   * The session behind `token` when it was validated moments ago and needs no renewal; null
   * means ask `validateToken`. Synchronous, so a busy client's request awaits nothing for it.
   */
  cachedSession(token: string): ValidatedSession | null {
    const cached = this.#cache.get(token);
    const now = Date.now();
    if (
      cached &&
      now - cached.cachedAt < CACHE_TTL_MS &&
      cached.session.expiresAt.getTime() - now >= this.#ttlMs / 2
    ) {
      return cached.session;
    }
    return null;
  }

  async validateToken(token: string): Promise<ValidatedToken | null> {
    const cached = this.cachedSession(token);
    if (cached) return { ...cached, renewed: false };
    const sessionId = sessionIdFromToken(token);
    const now = Date.now();
    this.evict({ sessionId });
    const validated = await this.#validateFromDatabase(sessionId, now);
    if (validated) {
      if (this.#cache.size >= CACHE_MAX_ENTRIES) this.#clearCache();
      const { renewed: _renewed, ...session } = validated;
      this.#cache.set(token, { session, cachedAt: now });
      this.#tokenBySessionId.set(sessionId, token);
    }
    return validated;
  }

  /** Drops cached sessions after a revocation announced by any instance. */
  evict(filter: { sessionId: string } | { userId: string }): void {
    if ('sessionId' in filter) {
      const token = this.#tokenBySessionId.get(filter.sessionId);
      if (token !== undefined) this.#cache.delete(token);
      this.#tokenBySessionId.delete(filter.sessionId);
      return;
    }
    for (const [token, entry] of this.#cache) {
      if (entry.session.user.id !== filter.userId) continue;
      this.#cache.delete(token);
      this.#tokenBySessionId.delete(entry.session.sessionId);
    }
  }

  #clearCache(): void {
    this.#cache.clear();
    this.#tokenBySessionId.clear();
  }

  async #validateFromDatabase(sessionId: string, now: number): Promise<ValidatedToken | null> {
    const row = await this.sessions.findWithUser(sessionId);
    if (!row) return null;
    if (row.expiresAt.getTime() <= now) {
      await this.sessions.delete(sessionId);
      return null;
    }
    if (row.disabledAt) return null;
    let expiresAt = row.expiresAt;
    let renewed = false;
    if (expiresAt.getTime() - now < this.#ttlMs / 2) {
      expiresAt = new Date(now + this.#ttlMs);
      await this.sessions.extend(sessionId, expiresAt);
      renewed = true;
    }
    return {
      sessionId,
      expiresAt,
      renewed,
      user: { id: row.userId, email: row.email, name: row.name, role: row.role },
    };
  }

  async validateCookieHeader(cookieHeader: string | undefined): Promise<ValidatedSession | null> {
    const token = readSessionToken(cookieHeader, this.#cookieName);
    if (!token) return null;
    try {
      const result = await this.validateToken(token);
      return (
        result && { sessionId: result.sessionId, user: result.user, expiresAt: result.expiresAt }
      );
    } catch {
      return null;
    }
  }

  async validateSessionId(sessionId: string): Promise<ValidatedSession | null> {
    const token = this.#tokenBySessionId.get(sessionId);
    const cached = token === undefined ? null : this.cachedSession(token);
    if (cached) return cached;
    const validated = await this.#validateFromDatabase(sessionId, Date.now());
    return validated && { sessionId, user: validated.user, expiresAt: validated.expiresAt };
  }

  async invalidate(sessionId: string, userId: string): Promise<void> {
    await this.sessions.delete(sessionId);
    await this.events.announce({ type: 'session.revoked', sessionId, userId });
  }

  async invalidateAllForUser(userId: string, reason: string): Promise<void> {
    await this.sessions.deleteAllForUser(userId);
    await this.events.announce({ type: 'user.sessions-revoked', userId, reason });
  }
}
