import type { AccessResolver, AccountEventSource, SessionValidator } from '@callboard/accounts';

export type {
  AccessResolver,
  AccountEventSource,
  AuthenticatedUser,
  CalendarAccess,
  SessionValidator,
  ValidatedSession,
} from '@callboard/accounts';

export type { ProjectRole } from '@callboard/domain';

/**
 * What the relay needs from the accounts tier: the process's one session service, access
 * service and account-event feed (`createAccounts`), shared with its API when there is one.
 */
export interface RealtimeDependencies {
  sessions: SessionValidator;
  access: AccessResolver;
  accountEvents: AccountEventSource;
}
