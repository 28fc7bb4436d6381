import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InviteRepository,
  MembershipRepository,
  ProjectRepository,
  UserRepository,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing/index.js';

const database = await createTestDatabase();
afterAll(() => database?.drop());

describe.skipIf(!database)('invite repository on Postgres', () => {
  const sql = database!.sql;
  const users = new UserRepository(sql);
  const projects = new ProjectRepository(sql);
  const members = new MembershipRepository(sql);
  const invites = new InviteRepository(sql);

  const newUser = async () =>
    (await users.create(
      { email: `${randomUUID()}@example.test`, name: 'Crew', passwordHash: 'hash' },
      () => 'member',
    ))!;

  async function newInvite(validDays = 7) {
    const owner = await newUser();
    const project = await projects.createWithOwner('Night Shoot', owner.id);
    const tokenHash = randomUUID();
    const invite = await invites.create({
      tokenHash,
      projectId: project.id,
      role: 'editor',
      email: 'cam@example.test',
      createdBy: owner.id,
      validDays,
    });
    return { project, tokenHash, invite };
  }

  it('lets exactly one of many simultaneous registrations redeem an invite', async () => {
    const { project, tokenHash } = await newInvite();
    const racers = await Promise.all(Array.from({ length: 8 }, newUser));
    const results = await Promise.all(racers.map((user) => invites.redeem(tokenHash, user.id)));
    const winners = results.filter((result) => result !== null);
    expect(winners).toHaveLength(1);
    const list = await members.list(project.id);
    expect(list.filter((member) => member.role === 'editor')).toHaveLength(1);
  });

  it('does not redeem an expired invite and leaves it out of the pending list', async () => {
    const { project, tokenHash, invite } = await newInvite(0);
    expect(invite.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await invites.redeem(tokenHash, (await newUser()).id)).toBeNull();
    expect(await invites.listPending(project.id)).toEqual([]);
    expect(await invites.findByTokenHash(tokenHash)).toMatchObject({
      id: invite.id,
      projectName: 'Night Shoot',
      usedAt: null,
    });
  });

  it('lists pending invites and revokes only unused ones of the same project', async () => {
    const { project, invite } = await newInvite();
    const other = await newInvite();
    expect((await invites.listPending(project.id)).map((row) => row.id)).toEqual([invite.id]);
    expect(await invites.revoke(other.project.id, invite.id)).toBe(false);
    await invites.redeem(other.tokenHash, (await newUser()).id);
    expect(await invites.revoke(other.project.id, other.invite.id)).toBe(false);
    expect(await invites.revoke(project.id, invite.id)).toBe(true);
    expect(await invites.listPending(project.id)).toEqual([]);
  });

  it('creates no account when redeeming inside the same transaction fails', async () => {
    const { tokenHash } = await newInvite(0);
    const email = `${randomUUID()}@example.test`;
    const refused = new Error('invite no longer usable');
    await expect(
      users.create(
        { email, name: 'Late', passwordHash: 'hash' },
        () => 'member',
        async (tx, user) => {
          if (!(await invites.redeem(tokenHash, user.id, tx))) throw refused;
        },
      ),
    ).rejects.toBe(refused);
    expect(await users.findByEmail(email)).toBeNull();
  });
});
