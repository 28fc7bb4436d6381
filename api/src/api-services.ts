import {
  AuditRepository,
  CalendarVersionRepository,
  CalendarRepository,
  InviteRepository,
  MembershipRepository,
  ProjectRepository,
  UserRepository,
} from '@callboard/db';
import type { Accounts } from '@callboard/accounts';
import type { Platform } from '@callboard/platform';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { StoredDocuments } from './documents/stored-documents.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { CalendarsService } from './calendars/calendars.service.js';
import type { ApiSettings } from './config/api.config.js';
import { InvitesService } from './invites/invites.service.js';
import { MembersService } from './members/members.service.js';
import { ProjectListCache } from './projects/project-list.cache.js';
import { ProjectsService } from './projects/projects.service.js';
import { VersionsService } from './versions/versions.service.js';

export type ApiServices = ReturnType<typeof createApiServices>;

/**
 * Wires repositories into the API's services once per process, over the process's one
 * session service, access service and account-event feed.
 */
export function createApiServices(platform: Platform, accounts: Accounts, settings: ApiSettings) {
  const { sql } = platform.database;
  const { sessions, access, events } = accounts;
  const users = new UserRepository(sql);
  const audit = new AuditService(new AuditRepository(sql), platform.logger);
  const throttle = new LoginThrottle(platform, {
    maxFailuresPerAccountAndIp: settings.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
    maxFailuresPerAccount: settings.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    slowdownSeconds: settings.LOGIN_SLOWDOWN_SECONDS,
    maxFailuresPerIp: settings.LOGIN_MAX_FAILURES_PER_IP,
    windowSeconds: settings.LOGIN_WINDOW_MINUTES * 60,
    maxRegistrationsPerIp: settings.REGISTER_MAX_PER_IP,
    registrationWindowSeconds: settings.REGISTER_WINDOW_MINUTES * 60,
  });
  const invites = new InvitesService(new InviteRepository(sql), access, audit, events);
  return {
    sessions,
    access,
    invites,
    auth: new AuthService(
      users,
      sessions,
      throttle,
      audit,
      invites,
      settings.ADMIN_EMAIL,
      settings.LOGIN_AUDIT_KEY,
    ),
    projects: new ProjectsService(
      new ProjectRepository(sql),
      access,
      new ProjectListCache(events),
      events,
    ),
    members: new MembersService(new MembershipRepository(sql), users, access, audit, events),
    calendars: new CalendarsService(new CalendarRepository(sql), access, events, audit),
    versions: new VersionsService(
      new CalendarVersionRepository(sql),
      new StoredDocuments(sql, platform.bus),
      access,
      audit,
      settings.VERSIONS_KEEP_AUTOMATIC,
    ),
  };
}
