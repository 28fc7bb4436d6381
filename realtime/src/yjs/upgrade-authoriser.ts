import type { IncomingMessage } from 'node:http';
import { originAllowed, type Logger } from '@callboard/api';
import { canEditCalendars } from '@callboard/domain';
import type { YjsConnectionContext } from './yjs-connection-context.js';
import type { RealtimeDependencies } from './relay-dependencies.js';

/** The path prefix the stock WebsocketProvider is pointed at; the room name is the calendar id. */
export const YJS_PATH_PREFIX = '/yjs/';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type UpgradeDecision =
  | {
      accepted: true;
      context: YjsConnectionContext;
      /** When the session expires as seen now (it may slide later); null for a link. */
      sessionExpiresAt: Date | null;
    }
  | { accepted: false; status: 401 | 403 | 404 | 429 | 503; reason: string };

export interface UpgradeAuthoriser {
  authorise(request: IncomingMessage): Promise<UpgradeDecision>;
}

/**
 * Decides an upgrade before it completes, so a refusal is a plain HTTP status: 401 without
 * a valid session, 404 for an unknown calendar or a non-member (indistinguishable on purpose),
 * 429 past the per-user connection limit, 503 when the accounts tier cannot answer.
 */
export function createUpgradeAuthoriser(
  deps: RealtimeDependencies,
  options: {
    hasConnectionRoom(userId: string): boolean;
    logger: Logger;
    /** The app's origin; unset (a laptop without PUBLIC_URL) accepts the request's own host. */
    publicOrigin?: string;
  },
): UpgradeAuthoriser {
  return {
    async authorise(request) {
      // Browsers always send Origin on a websocket; another site's page must not ride the
      // user's cookie into a calendar (SameSite=Lax does not cover sibling subdomains).
      const origin = request.headers.origin;
      const policy = { configured: options.publicOrigin, fallback: options.publicOrigin ?? '' };
      if (origin !== undefined && !originAllowed(origin, policy, request.headers.host)) {
        return { accepted: false, status: 403, reason: 'cross-origin upgrade refused' };
      }
      const url = new URL(request.url ?? '/', 'http://relay.invalid');
      const calendarId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
      const notFound = { accepted: false, status: 404, reason: 'unknown calendar' } as const;
      if (!url.pathname.startsWith(YJS_PATH_PREFIX) || !UUID.test(calendarId)) return notFound;
      try {
        const linkToken = url.searchParams.get('link');
        if (linkToken !== null) {
          const link = deps.links ? await deps.links.resolve(linkToken) : null;
          if (!link || link.calendarId.toLowerCase() !== calendarId.toLowerCase()) return notFound;
          const context: YjsConnectionContext = {
            calendarId: link.calendarId,
            projectId: link.projectId,
            user: null,
            sessionId: null,
            role: 'link',
            readOnly: true,
          };
          return { accepted: true, context, sessionExpiresAt: null };
        }
        const session = await deps.sessions.validateCookieHeader(request.headers.cookie);
        if (!session) return { accepted: false, status: 401, reason: 'no valid session' };
        const access = await deps.access.calendarAccess(session.user.id, calendarId);
        if (!access) return notFound;
        if (!options.hasConnectionRoom(session.user.id)) {
          return { accepted: false, status: 429, reason: 'too many connections for this user' };
        }
        const context: YjsConnectionContext = {
          calendarId: access.calendarId,
          projectId: access.projectId,
          user: session.user,
          sessionId: session.sessionId,
          role: access.role,
          readOnly: !canEditCalendars(access.role),
        };
        return { accepted: true, context, sessionExpiresAt: session.expiresAt };
      } catch (error) {
        options.logger.error({ err: error }, 'yjs upgrade: accounts lookup failed');
        return { accepted: false, status: 503, reason: 'accounts unavailable' };
      }
    },
  };
}
