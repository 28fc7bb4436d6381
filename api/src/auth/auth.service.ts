import { createHmac, randomBytes } from 'node:crypto';
import type { UserRepository, UserRow } from '@callboard/db';
import { ConflictError, UnauthenticatedError } from '@callboard/platform';
import type { AuditService } from '../audit/audit.service.js';
import type { InvitesService } from '../invites/invites.service.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher.js';
import type { AuthenticatedUser, SessionService } from '@callboard/accounts';

export interface IssuedSession {
  user: AuthenticatedUser;
  token: string;
}

const WRONG_CREDENTIALS = 'Wrong email or password.';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function publicUser(row: UserRow): AuthenticatedUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Registration, sign-in, sign-out and password changes. */
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly invites: InvitesService,
    private readonly adminEmail: string | undefined,
    /** Keys the fingerprint of unknown emails in the audit log; a fresh one per process if unset. */
    private readonly auditKey: string | Buffer = randomBytes(32),
  ) {}

  /** What the audit log names for a failed sign-in: never the typed text, as a password may be in it. */
  #attemptedAccount(row: UserRow | null, typed: string): string {
    if (row) return row.email;
    const fingerprint = createHmac('sha256', this.auditKey).update(typed).digest('hex');
    return `unknown account ${fingerprint.slice(0, 8)}`;
  }

  /** With `inviteToken`, the account is created only together with the invite's membership. */
  async register(
    input: { email: string; password: string; name: string; inviteToken?: string | undefined },
    ip: string,
  ): Promise<IssuedSession> {
    const email = normaliseEmail(input.email);
    const adminEmail = this.adminEmail && normaliseEmail(this.adminEmail);
    await this.throttle.spendRegistration(ip);
    // Checked before the password is hashed, so a dead link is refused at once.
    const invite = input.inviteToken ? await this.invites.usable(input.inviteToken) : null;
    const passwordHash = await hashPassword(input.password);
    const row = await this.users.create(
      { email, name: input.name.trim(), passwordHash },
      (isFirst) => ((adminEmail ? email === adminEmail : isFirst) ? 'admin' : 'member'),
      input.inviteToken ? this.invites.redeemWithin(input.inviteToken) : undefined,
    );
    if (!row) throw new ConflictError('An account with this email already exists.', 'email_taken');
    const { token } = await this.sessions.create(row.id);
    await this.audit.record({ action: 'auth.register', actorUserId: row.id, subject: email, ip });
    if (invite) await this.invites.joined(row.id, invite, ip);
    return { user: publicUser(row), token };
  }

  async login(input: { email: string; password: string }, ip: string): Promise<IssuedSession> {
    const email = normaliseEmail(input.email);
    // Unknown emails spend guesses too, so the limits do not tell which accounts exist.
    const { row, valid } = await this.throttle.guard(email, ip, async () => {
      const found = await this.users.findByEmail(email);
      const matches = found
        ? (await verifyPassword(found.passwordHash, input.password)) && !found.disabledAt
        : await verifyAgainstDummy(input.password).then(() => false);
      return { row: found, valid: matches };
    });
    if (!row || !valid) {
      await this.audit.record({
        action: 'auth.login.failed',
        actorUserId: row?.id ?? null,
        subject: this.#attemptedAccount(row, email),
        ip,
      });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    const { token } = await this.sessions.create(row.id);
    await this.audit.record({ action: 'auth.login', actorUserId: row.id, subject: email, ip });
    return { user: publicUser(row), token };
  }

  async logout(session: { sessionId: string; userId: string }, ip: string): Promise<void> {
    await this.sessions.invalidate(session.sessionId, session.userId);
    await this.audit.record({ action: 'auth.logout', actorUserId: session.userId, ip });
  }

  /** Ends every session of the user (everywhere), then issues a fresh one to the caller. */
  async changePassword(
    userId: string,
    input: { currentPassword: string; newPassword: string },
    ip: string,
  ): Promise<IssuedSession> {
    const row = await this.users.findById(userId);
    if (!row) throw new UnauthenticatedError();
    // The same guess limits as sign-in: a stolen session must not become a password oracle.
    const { valid } = await this.throttle.guard(row.email, ip, async () => ({
      valid: await verifyPassword(row.passwordHash, input.currentPassword),
    }));
    if (!valid) {
      await this.audit.record({ action: 'auth.password.failed', actorUserId: userId, ip });
      throw new UnauthenticatedError('The current password is wrong.');
    }
    await this.users.updatePasswordHash(userId, await hashPassword(input.newPassword));
    await this.sessions.invalidateAllForUser(userId, 'password changed');
    const { token } = await this.sessions.create(userId);
    await this.audit.record({ action: 'auth.password.changed', actorUserId: userId, ip });
    return { user: publicUser(row), token };
  }
}
