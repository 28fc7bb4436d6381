import { CalendarRepository, ProjectRepository, SessionRepository } from '@callboard/db';
import type { Platform } from '@callboard/platform';
import { AccessService } from './access/access.service.js';
import type { AccountsConfig } from './config/accounts.config.js';
import { AccountEventFeed } from './events/account-event-feed.js';
import { SessionService } from './sessions/session.service.js';

/**
 * Who may do what, once per process: one session service, one access service and one
 * account-event feed, handed alike to the API and the realtime tier of that process.
 */
export interface Accounts {
  sessions: SessionService;
  access: AccessService;
  events: AccountEventFeed;
  /** Stops the feed's subscription; the platform closes the bus itself. */
  close(): void;
}

export function createAccounts(platform: Platform, config: AccountsConfig): Accounts {
  const { sql } = platform.database;
  const events = new AccountEventFeed(platform.bus, platform.logger);
  // Retries until the bus takes it; until then a process sees only its own announcements.
  void events.start();
  return {
    sessions: new SessionService(
      new SessionRepository(sql),
      events,
      config.SESSION_TTL_DAYS,
      platform.config.secureCookies,
    ),
    access: new AccessService(new ProjectRepository(sql), new CalendarRepository(sql)),
    events,
    close: () => events.close(),
  };
}
