import type { Logger } from '@callboard/platform';
import { canEditCalendars, type ProjectRole } from '@callboard/domain';
import type { Socket } from 'socket.io';
import type {
  ConnectionAccount,
  FollowedAccess,
  GuardedConnection,
} from '../access/guarded-connection.js';
import {
  calendarRoom,
  projectRoom,
  type ClientEvents,
  type ServerEvents,
  type SocketData,
} from './socket-io.messages.js';

export type CallboardSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

/**
 * One socket.io socket and what it follows. Follows change only through here, so its rooms,
 * its shared socket data and the presence others see stay in step, whether the user asked or
 * an account change narrowed or cut the socket.
 */
export class SocketIoConnection implements GuardedConnection {
  readonly account: ConnectionAccount;

  constructor(
    private readonly socket: CallboardSocket,
    /** Sends a project's presence to its followers on every instance. */
    private readonly announcePresence: (projectId: string) => Promise<void>,
    private readonly logger: Logger,
  ) {
    const { userId, sessionId } = socket.data;
    this.account = { userId, sessionId };
  }

  async followProject(projectId: string, role: ProjectRole): Promise<void> {
    this.socket.data.projects[projectId] = role;
    await this.socket.join(projectRoom(projectId));
    await this.announcePresence(projectId);
  }

  /** Does nothing for a project the socket does not follow. */
  async unfollowProject(projectId: string): Promise<void> {
    if (this.#stopFollowingProject(projectId)) await this.announcePresence(projectId);
  }

  async followCalendar(calendarId: string, projectId: string, role: ProjectRole): Promise<void> {
    this.socket.data.calendars[calendarId] = { projectId, role };
    await this.socket.join(calendarRoom(calendarId));
  }

  /** Does nothing for a calendar the socket does not follow. */
  async unfollowCalendar(calendarId: string): Promise<void> {
    if (!(calendarId in this.socket.data.calendars)) return;
    delete this.socket.data.calendars[calendarId];
    await this.socket.leave(calendarRoom(calendarId));
  }

  async setPresence(presence: NonNullable<SocketData['presence']>): Promise<void> {
    this.socket.data.presence = presence;
    await this.announcePresence(presence.projectId);
  }

  /** After a disconnect: the followers of each project it followed see the user leave. */
  departed(): void {
    for (const projectId of Object.keys(this.socket.data.projects)) this.#announce(projectId);
  }

  *followed(): Iterable<FollowedAccess> {
    const { projects, calendars } = this.socket.data;
    for (const [projectId, role] of Object.entries(projects)) {
      yield { projectId, calendarId: null, readOnly: !canEditCalendars(role) };
    }
    for (const [calendarId, { projectId, role }] of Object.entries(calendars)) {
      yield { projectId, calendarId, readOnly: !canEditCalendars(role) };
    }
  }

  endSession(_cause: 'revoked' | 'expired', reason: string): void {
    this.socket.emit('session:revoked', { reason });
    this.socket.disconnect(true);
  }

  leaveProject(projectId: string, cause: 'removed' | 'deleted'): void {
    const followedProject = this.#stopFollowingProject(projectId);
    for (const [calendarId, calendar] of Object.entries(this.socket.data.calendars)) {
      if (calendar.projectId !== projectId) continue;
      delete this.socket.data.calendars[calendarId];
      void this.socket.leave(calendarRoom(calendarId));
    }
    const reason = cause === 'removed' ? 'removed from project' : 'project deleted';
    this.socket.emit('access:revoked', { projectId, reason });
    // A deleted project's followers are all leaving; a removed member's colleagues stay.
    if (followedProject && cause === 'removed') this.#announce(projectId);
  }

  leaveCalendar(projectId: string, calendarId: string): void {
    delete this.socket.data.calendars[calendarId];
    void this.socket.leave(calendarRoom(calendarId));
    const { presence } = this.socket.data;
    if (presence?.calendarId === calendarId) {
      this.socket.data.presence = { ...presence, calendarId: null, editing: null };
      this.#announce(presence.projectId);
    }
    this.socket.emit('access:revoked', { projectId, calendarId, reason: 'calendar deleted' });
  }

  changeRole(projectId: string, role: ProjectRole): void {
    for (const calendar of Object.values(this.socket.data.calendars)) {
      if (calendar.projectId === projectId) calendar.role = role;
    }
    if (!(projectId in this.socket.data.projects)) return;
    this.socket.data.projects[projectId] = role;
    // A viewer has no presence of its own: it is counted, never named.
    if (!canEditCalendars(role) && this.socket.data.presence?.projectId === projectId) {
      this.socket.data.presence = null;
    }
    this.#announce(projectId);
  }

  /** Leaves the project's room and its presence; false when it was not followed. */
  #stopFollowingProject(projectId: string): boolean {
    if (!(projectId in this.socket.data.projects)) return false;
    delete this.socket.data.projects[projectId];
    void this.socket.leave(projectRoom(projectId));
    if (this.socket.data.presence?.projectId === projectId) this.socket.data.presence = null;
    return true;
  }

  #announce(projectId: string): void {
    this.announcePresence(projectId).catch((error: unknown) =>
      this.logger.warn({ err: error, projectId }, 'socket.io: presence not sent'),
    );
  }
}
