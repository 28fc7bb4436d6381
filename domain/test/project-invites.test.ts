import { describe, expect, it } from 'vitest';
import { inviteState } from '../src/project-invites.js';

const now = new Date('2026-05-01T12:00:00Z');
const later = new Date('2026-05-08T12:00:00Z');

describe('inviteState', () => {
  it('is usable before it expires and while unused', () => {
    expect(inviteState({ expiresAt: later, usedAt: null }, now)).toBe('usable');
  });

  it('lapses at the moment it expires', () => {
    expect(inviteState({ expiresAt: now, usedAt: null }, now)).toBe('expired');
  });

  it('reports a used invite as used even after it expired', () => {
    expect(inviteState({ expiresAt: now, usedAt: now }, later)).toBe('used');
  });
});
