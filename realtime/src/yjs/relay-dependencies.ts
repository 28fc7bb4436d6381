import type { AccessResolver, SessionValidator } from '@callboard/api';

export type {
  AccessResolver,
  AuthenticatedUser,
  CalendarAccess,
  SessionValidator,
  ValidatedSession,
} from '@callboard/api';

export type { ProjectRole } from '@callboard/domain';

/** Live public links (a later issue): a token resolves to read-only access to one calendar. */
export interface LinkResolver {
  resolve(token: string): Promise<{ calendarId: string; projectId: string } | null>;
}

/** What the relay needs from the accounts tier (createSessionValidator, createAccessResolver). */
export interface RealtimeDependencies {
  sessions: SessionValidator;
  access: AccessResolver;
  links?: LinkResolver;
}
