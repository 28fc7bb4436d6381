/** Days an invite link stays valid after an owner creates it. */
export const INVITE_VALID_DAYS = 7;

/** Why an invite cannot be used any more; `usable` when it still can. */
export type InviteState = 'usable' | 'used' | 'expired';

/** An invite is single-use and lapses at `expiresAt`, whichever comes first. */
export function inviteState(
  invite: { expiresAt: Date; usedAt: Date | null },
  now: Date = new Date(),
): InviteState {
  if (invite.usedAt) return 'used';
  return invite.expiresAt.getTime() > now.getTime() ? 'usable' : 'expired';
}
