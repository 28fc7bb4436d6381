export { createAccounts, type Accounts } from './accounts.js';
export * from './config/accounts.config.js';
export {
  AccessService,
  type AccessResolver,
  type CalendarAccess,
} from './access/access.service.js';
export {
  SessionService,
  type AuthenticatedUser,
  type SessionValidator,
  type ValidatedSession,
  type ValidatedToken,
} from './sessions/session.service.js';
export {
  generateSessionToken,
  readSessionToken,
  sessionCookieName,
  sessionIdFromToken,
} from './sessions/session-token.js';
export {
  ACCOUNT_EVENTS_CHANNEL,
  AccountEventSchema,
  type AccountEvent,
} from './events/account-events.js';
export {
  AccountEventFeed,
  parseAccountEvent,
  type AccountEventListener,
  type AccountEventSource,
} from './events/account-event-feed.js';
