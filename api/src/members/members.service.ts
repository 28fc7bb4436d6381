import type {
  MemberRow,
  MembershipChange,
  MembershipRepository,
  UserRepository,
} from '@callboard/db';
import type { ProjectRole } from '@callboard/domain';
import type { AccessService, AccountEventFeed } from '@callboard/accounts';
import type { AuditService } from '../audit/audit.service.js';
import { normaliseEmail } from '../auth/auth.service.js';
import { AppError, ConflictError, NotFoundError } from '@callboard/platform';

/** Project membership: owners add, re-role and remove; a project always keeps an owner. */
export class MembersService {
  constructor(
    private readonly members: MembershipRepository,
    private readonly users: UserRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: AccountEventFeed,
  ) {}

  async list(userId: string, projectId: string): Promise<MemberRow[]> {
    await this.access.project(userId, projectId, 'readProject');
    return this.members.list(projectId);
  }

  async add(
    actorId: string,
    projectId: string,
    input: { email: string; role: ProjectRole },
  ): Promise<MemberRow> {
    await this.access.project(actorId, projectId, 'manageProject');
    const user = await this.users.findByEmail(normaliseEmail(input.email));
    if (!user) {
      throw new AppError(
        404,
        'account_not_found',
        'No account uses this email: invite them instead.',
      );
    }
    const member = await this.members.add(projectId, user.id, input.role);
    if (!member) throw new ConflictError('That account is already a member.', 'already_member');
    await this.#announce(actorId, projectId, member.userId, input.role, 'project.member.added');
    return member;
  }

  async changeRole(
    actorId: string,
    projectId: string,
    userId: string,
    role: ProjectRole,
  ): Promise<MemberRow> {
    await this.access.project(actorId, projectId, 'manageProject');
    const result = this.#unwrap(await this.members.changeRole(projectId, userId, role));
    await this.#announce(actorId, projectId, userId, role, 'project.member.role-changed');
    return result;
  }

  async remove(actorId: string, projectId: string, userId: string): Promise<void> {
    await this.access.project(actorId, projectId, 'manageProject');
    this.#unwrap(await this.members.remove(projectId, userId));
    await this.#announce(actorId, projectId, userId, null, 'project.member.removed');
  }

  #unwrap(change: MembershipChange): MemberRow {
    if (change.ok) return change.member;
    if (change.reason === 'last_owner') {
      throw new ConflictError('A project must keep at least one owner.', 'last_owner');
    }
    throw new NotFoundError('Member');
  }

  async #announce(
    actorId: string,
    projectId: string,
    userId: string,
    role: ProjectRole | null,
    action: string,
  ) {
    await this.events.announce({ type: 'membership.changed', projectId, userId, role });
    await this.audit.record({
      action,
      actorUserId: actorId,
      subject: userId,
      detail: { projectId, role },
    });
  }
}
