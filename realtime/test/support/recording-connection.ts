import type { ProjectRole } from '@callboard/domain';
import type {
  ConnectionAccount,
  FollowedAccess,
  GuardedConnection,
} from '../../src/access/guarded-connection.js';

/** A connection of any transport that follows what it is given and records what it was told. */
export class RecordingConnection implements GuardedConnection {
  readonly told: string[] = [];

  constructor(
    readonly account: ConnectionAccount,
    readonly follows: FollowedAccess[],
  ) {}

  followed(): Iterable<FollowedAccess> {
    return this.follows;
  }

  endSession(cause: 'revoked' | 'expired', reason: string): void {
    this.told.push(`end session ${cause}: ${reason}`);
  }

  leaveProject(projectId: string, cause: 'removed' | 'deleted'): void {
    this.told.push(`leave project ${projectId} ${cause}`);
    this.follows.splice(0, Infinity, ...this.follows.filter((f) => f.projectId !== projectId));
  }

  leaveCalendar(projectId: string, calendarId: string): void {
    this.told.push(`leave calendar ${calendarId} of ${projectId}`);
    this.follows.splice(0, Infinity, ...this.follows.filter((f) => f.calendarId !== calendarId));
  }

  changeRole(projectId: string, role: ProjectRole): void {
    this.told.push(`role in ${projectId}: ${role}`);
  }
}
