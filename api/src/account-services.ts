import {
  AuditRepository,
  CalendarRepository,
  InviteRepository,
  MembershipRepository,
  ProjectRepository,
  SessionRepository,
  UserRepository,
} from '@callboard/db';
import { AccessService } from './access/access.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SessionService } from './auth/session.service.js';
import { CalendarsService } from './calendars/calendars.service.js';
import { AccountEventFeed } from './events/account-event-feed.js';
import { InvitesService } from './invites/invites.service.js';
import { MembersService } from './members/members.service.js';
import type { Platform } from './platform/platform.js';
import { ProjectListCache } from './projects/project-list.cache.js';
import { ProjectsService } from './projects/projects.service.js';

export type AccountServices = ReturnType<typeof createAccountServices>;

/** Wires repositories into services once per process. */
export function createAccountServices(platform: Platform) {
  const { sql } = platform.database;
  const { config } = platform;
  const users = new UserRepository(sql);
  const projects = new ProjectRepository(sql);
  const calendars = new CalendarRepository(sql);
  const events = new AccountEventFeed(platform.bus);
  const sessions = new SessionService(
    new SessionRepository(sql),
    events,
    config.SESSION_TTL_DAYS,
    config.secureCookies,
  );
  const audit = new AuditService(new AuditRepository(sql), platform.logger);
  const access = new AccessService(projects, calendars);
  const throttle = new LoginThrottle(platform, {
    maxFailuresPerAccountAndIp: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP,
    maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    slowdownSeconds: config.LOGIN_SLOWDOWN_SECONDS,
    maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    maxRegistrationsPerIp: config.REGISTER_MAX_PER_IP,
    registrationWindowSeconds: config.REGISTER_WINDOW_MINUTES * 60,
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
      config.ADMIN_EMAIL,
      config.LOGIN_AUDIT_KEY,
    ),
    projects: new ProjectsService(projects, access, new ProjectListCache(events), events),
    members: new MembersService(new MembershipRepository(sql), users, access, audit, events),
    calendars: new CalendarsService(calendars, access, events, audit),
  };
}
