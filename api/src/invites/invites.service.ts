import type { InviteRepository, InviteRow, InviteWithProject, WithNewAccount } from '@callboard/db';
import { INVITE_VALID_DAYS, inviteState, type ProjectRole } from '@callboard/domain';
import type { AccessService, AccountEventFeed } from '@callboard/accounts';
import type { AuditService } from '../audit/audit.service.js';
import { generateSessionToken, sessionIdFromToken } from '@callboard/accounts';
import { AppError, NotFoundError } from '@callboard/platform';

export interface PublicInvite {
  id: string;
  role: ProjectRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
}

const ASK_AGAIN = "Ask the project's owner for a new link.";

const inviteNotFound = () =>
  new AppError(
    404,
    'invite_not_found',
    `This invite link is not valid or was revoked. ${ASK_AGAIN}`,
  );
const inviteUsed = () =>
  new AppError(410, 'invite_used', `This invite link has already been used. ${ASK_AGAIN}`);
const inviteExpired = () =>
  new AppError(410, 'invite_expired', `This invite link has expired. ${ASK_AGAIN}`);

function publicInvite(row: InviteRow): PublicInvite {
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * Invite links: owners create, list and revoke them; registering with one makes the new account
 * a member. The token is a credential like a session's (160 random bits, stored as its SHA-256).
 */
export class InvitesService {
  constructor(
    private readonly invites: InviteRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: AccountEventFeed,
  ) {}

  async create(
    actorId: string,
    projectId: string,
    input: { role: ProjectRole; email?: string | undefined },
  ): Promise<{ invite: PublicInvite; token: string }> {
    await this.access.project(actorId, projectId, 'manageProject');
    const token = generateSessionToken();
    const row = await this.invites.create({
      tokenHash: sessionIdFromToken(token),
      projectId,
      role: input.role,
      email: input.email?.trim().toLowerCase() ?? null,
      createdBy: actorId,
      validDays: INVITE_VALID_DAYS,
    });
    await this.audit.record({
      action: 'project.invite.created',
      actorUserId: actorId,
      subject: row.id,
      detail: { projectId, role: row.role },
    });
    return { invite: publicInvite(row), token };
  }

  async listPending(actorId: string, projectId: string): Promise<PublicInvite[]> {
    await this.access.project(actorId, projectId, 'manageProject');
    return (await this.invites.listPending(projectId)).map(publicInvite);
  }

  async revoke(actorId: string, projectId: string, inviteId: string): Promise<void> {
    await this.access.project(actorId, projectId, 'manageProject');
    if (!(await this.invites.revoke(projectId, inviteId))) throw new NotFoundError('Invite');
    await this.audit.record({
      action: 'project.invite.revoked',
      actorUserId: actorId,
      subject: inviteId,
      detail: { projectId },
    });
  }

  /** The invite a token opens, or the named error saying why it cannot be used. */
  async usable(token: string): Promise<InviteWithProject> {
    const invite = await this.invites.findByTokenHash(sessionIdFromToken(token));
    if (!invite) throw inviteNotFound();
    const state = inviteState(invite);
    if (state === 'used') throw inviteUsed();
    if (state === 'expired') throw inviteExpired();
    return invite;
  }

  async preview(token: string) {
    const invite = await this.usable(token);
    const { projectId, projectName, role, email } = invite;
    return { projectId, projectName, role, email, expiresAt: invite.expiresAt.toISOString() };
  }

  /**
   * Redeems the invite inside the transaction that creates the account: of two people
   * registering with one link at once, the second is refused and gets no account.
   */
  redeemWithin(token: string): WithNewAccount {
    return async (tx, user) => {
      if (!(await this.invites.redeem(sessionIdFromToken(token), user.id, tx))) throw inviteUsed();
    };
  }

  /** Tells the rest of the install about a membership that an invite created. */
  async joined(userId: string, invite: InviteRow, ip: string): Promise<void> {
    const { projectId, role } = invite;
    await this.events.announce({ type: 'membership.changed', projectId, userId, role });
    await this.audit.record({
      action: 'project.invite.accepted',
      actorUserId: userId,
      subject: invite.id,
      ip,
      detail: { projectId, role },
    });
  }
}
