import type { IncomingMessage } from 'node:http';
import {
  CrossOriginError,
  NotFoundError,
  originAllowed,
  TooManyRequestsError,
  UnauthenticatedError,
  ServiceUnavailableError,
  type AppError,
  type Logger,
  type OriginPolicy,
} from '@callboard/platform';
import { canEditCalendars, PROJECT_ROLES } from '@callboard/domain';
import type { ConnectionSlot } from './connection-limits.js';
import type { YjsConnectionContext } from './yjs-connection-context.js';
import type { RealtimeDependencies } from './relay-dependencies.js';

/** The path prefix the stock WebsocketProvider is pointed at; the room name is the calendar id. */
export const YJS_PATH_PREFIX = '/yjs/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Strings the relay keeps one copy of; past it the table starts afresh (a bound, not a cache). */
const MAX_SHARED_STRINGS = 4096;

/**
 * One copy of each id and name for every connection that names it: each lookup returns fresh
 * strings, and a calendar open on 200 crew devices would hold 200 copies of its ids, and a
 * user's tabs and devices one of their ids and name each.
 */
class SharedStrings {
  readonly #strings = new Map<string, string>();

  of(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    if (this.#strings.size >= MAX_SHARED_STRINGS) this.#strings.clear();
    this.#strings.set(value, value);
    return value;
  }
}

/** An upgrade refused with a plain HTTP status and the API's error code for the same cause. */
export interface UpgradeRefusal {
  accepted: false;
  status: number;
  code: string;
  reason: string;
  headers: Record<string, string>;
}

export type UpgradeDecision =
  | {
      accepted: true;
      context: YjsConnectionContext;
      /** When the session expires as seen now (it may slide later). */
      sessionExpiresAt: Date;
      /** The user's connection slot, held until the connection closes. */
      slot: ConnectionSlot;
    }
  | UpgradeRefusal;

export interface UpgradeAuthoriser {
  authorise(request: IncomingMessage): Promise<UpgradeDecision>;
}

export function refusal(error: AppError): UpgradeRefusal {
  return {
    accepted: false,
    status: error.status,
    code: error.code,
    reason: error.message,
    headers: error.headers,
  };
}

/** The calendar a request names; null when its target is not a calendar. */
function targetOf(url: string | undefined): string | null {
  // A malformed target or percent-escape (URIError) names no calendar: a 404, not a failure.
  try {
    const parsed = new URL(url ?? '/', 'http://relay.invalid');
    if (!parsed.pathname.startsWith(YJS_PATH_PREFIX)) return null;
    const calendarId = decodeURIComponent(parsed.pathname.slice(YJS_PATH_PREFIX.length));
    if (!UUID.test(calendarId)) return null;
    return calendarId;
  } catch {
    return null;
  }
}

/**
 * Decides an upgrade before it completes, so a refusal is a plain HTTP status: 401 without
 * a valid session, 404 for an unknown calendar or a non-member (indistinguishable on purpose),
 * 429 past the per-user connection limit, 503 when the accounts tier cannot answer.
 */
export function createUpgradeAuthoriser(
  deps: Pick<RealtimeDependencies, 'sessions' | 'access'>,
  options: {
    /** Takes one of the user's connection slots; null when the user has none left. */
    reserveConnection(userId: string): ConnectionSlot | null;
    logger: Logger;
    /** Which browser origins may connect: the platform's one rule, as for the API and socket.io. */
    originPolicy: OriginPolicy;
  },
): UpgradeAuthoriser {
  const notFound = refusal(new NotFoundError('Calendar'));
  const shared = new SharedStrings();
  return {
    async authorise(request) {
      // Browsers always send Origin on a websocket; another site's page must not ride the
      // user's cookie into a calendar (SameSite=Lax does not cover sibling subdomains).
      const origin = request.headers.origin;
      if (
        origin !== undefined &&
        !originAllowed(origin, options.originPolicy, request.headers.host)
      ) {
        return refusal(new CrossOriginError('Cross-origin upgrade refused.'));
      }
      const calendarId = targetOf(request.url);
      if (!calendarId) return notFound;
      let slot: ConnectionSlot | null = null;
      try {
        const session = await deps.sessions.validateCookieHeader(request.headers.cookie);
        if (!session) return refusal(new UnauthenticatedError());
        // Taken before the next await, so racing upgrades cannot all see room for one more.
        slot = options.reserveConnection(session.user.id);
        if (!slot) {
          return refusal(new TooManyRequestsError(1, 'Too many connections for this user.'));
        }
        const access = await deps.access.calendarAccess(session.user.id, calendarId);
        if (!access) {
          slot.release();
          return notFound;
        }
        const context: YjsConnectionContext = {
          calendarId: shared.of(access.calendarId),
          projectId: shared.of(access.projectId),
          user: { id: shared.of(session.user.id), name: shared.of(session.user.name) },
          sessionId: shared.of(session.sessionId),
          // The role's own constant rather than the row's copy of it.
          role: PROJECT_ROLES.find((role) => role === access.role) ?? access.role,
          readOnly: !canEditCalendars(access.role),
        };
        return { accepted: true, context, sessionExpiresAt: session.expiresAt, slot };
      } catch (error) {
        slot?.release();
        options.logger.error({ err: error }, 'yjs upgrade: accounts lookup failed');
        return refusal(new ServiceUnavailableError('The accounts service is unavailable.'));
      }
    },
  };
}
