import type { IncomingMessage } from 'node:http';
import { loadPlatformConfig, originPolicy } from '@callboard/platform';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeAccounts } from '../../test/support/fake-accounts.js';
import { UserConnectionCounter } from './connection-limits.js';
import { createUpgradeAuthoriser } from './upgrade-authoriser.js';

const calendar = { calendarId: '5b0c8c8e-8d0e-4d4c-9f57-1f1f1f1f1f1f', projectId: 'p1' };
const logger = pino({ level: 'silent' });

function request(
  path: string,
  cookie?: string,
  headers: Record<string, string> = {},
): IncomingMessage {
  return { url: path, headers: { ...headers, ...(cookie ? { cookie } : {}) } } as IncomingMessage;
}

const roomy = {
  reserveConnection: () => ({ release: () => undefined }),
  logger,
  originPolicy: originPolicy(loadPlatformConfig({})),
};

function setUp(maxPerUser = 5) {
  const accounts = new FakeAccounts();
  const counter = new UserConnectionCounter(maxPerUser);
  const authoriser = createUpgradeAuthoriser(accounts.deps, {
    ...roomy,
    reserveConnection: (userId) => counter.reserve(userId),
  });
  return { accounts, authoriser, counter };
}

describe('the upgrade authoriser', () => {
  it('accepts an editor as a writer and a viewer as read-only', async () => {
    const { accounts, authoriser } = setUp();
    const editor = accounts.signIn('editor');
    const viewer = accounts.signIn('viewer');
    accounts.grant(editor.user.id, { ...calendar, role: 'editor' });
    accounts.grant(viewer.user.id, { ...calendar, role: 'viewer' });
    const path = `/yjs/${calendar.calendarId}`;
    expect(await authoriser.authorise(request(path, editor.cookie))).toMatchObject({
      accepted: true,
      context: { readOnly: false, role: 'editor', sessionId: editor.sessionId },
    });
    expect(await authoriser.authorise(request(path, viewer.cookie))).toMatchObject({
      accepted: true,
      context: { readOnly: true, role: 'viewer' },
    });
  });

  it('answers 401 without a session, 404 for a non-member or a malformed id, 429 past the limit', async () => {
    const { accounts, authoriser } = setUp();
    const stranger = accounts.signIn('stranger');
    expect(await authoriser.authorise(request(`/yjs/${calendar.calendarId}`))).toMatchObject({
      status: 401,
    });
    expect(
      await authoriser.authorise(request(`/yjs/${calendar.calendarId}`, stranger.cookie)),
    ).toMatchObject({
      status: 404,
    });
    expect(await authoriser.authorise(request('/yjs/../etc', stranger.cookie))).toMatchObject({
      status: 404,
    });
    const full = setUp(0);
    const member = full.accounts.signIn('member');
    full.accounts.grant(member.user.id, { ...calendar, role: 'owner' });
    expect(
      await full.authoriser.authorise(request(`/yjs/${calendar.calendarId}`, member.cookie)),
    ).toMatchObject({
      status: 429,
      code: 'rate_limited',
    });
  });

  it('answers 404 to a percent-escape or a target that does not decode', async () => {
    const { accounts, authoriser } = setUp();
    const member = accounts.signIn('member');
    for (const path of ['/yjs/%E0%A4%A', '/yjs/%', 'http://[']) {
      expect(await authoriser.authorise(request(path, member.cookie)), path).toMatchObject({
        status: 404,
        code: 'not_found',
      });
    }
  });

  it('holds a slot for an accepted upgrade and gives it back on every refusal after the session', async () => {
    const { accounts, authoriser, counter } = setUp(1);
    const member = accounts.signIn('member');
    const path = `/yjs/${calendar.calendarId}`;
    expect(await authoriser.authorise(request(path, member.cookie))).toMatchObject({ status: 404 });
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const accepted = await authoriser.authorise(request(path, member.cookie));
    expect(accepted).toMatchObject({ accepted: true });
    expect(counter.reserve(member.user.id)).toBeNull();
    if (accepted.accepted) accepted.slot?.release();
    expect(counter.reserve(member.user.id)).not.toBeNull();
  });

  it('answers 503, not 500, when the accounts tier fails', async () => {
    const authoriser = createUpgradeAuthoriser(
      {
        sessions: {
          validateCookieHeader: () => Promise.reject(new Error('database down')),
          validateSessionId: () => Promise.reject(new Error('database down')),
        },
        access: { calendarAccess: async () => null, projectRole: async () => null },
      },
      roomy,
    );
    expect(await authoriser.authorise(request(`/yjs/${calendar.calendarId}`, 'a=b'))).toMatchObject(
      { status: 503, code: 'unavailable' },
    );
  });

  it("refuses another site's page with 403 and accepts the app's origin, its own host, or no origin", async () => {
    const accounts = new FakeAccounts();
    const member = accounts.signIn('member');
    accounts.grant(member.user.id, { ...calendar, role: 'editor' });
    const path = `/yjs/${calendar.calendarId}`;
    const configured = createUpgradeAuthoriser(accounts.deps, {
      ...roomy,
      originPolicy: originPolicy(
        loadPlatformConfig({ PUBLIC_URL: 'https://schedule.example.com' }),
      ),
    });
    const from = (origin: string) =>
      request(path, member.cookie, { origin, host: 'schedule.example.com' });
    expect(await configured.authorise(from('https://evil.example.com'))).toMatchObject({
      status: 403,
    });
    expect(await configured.authorise(from('https://schedule.example.com'))).toMatchObject({
      accepted: true,
    });
    expect(await configured.authorise(request(path, member.cookie))).toMatchObject({
      accepted: true,
    });
    const laptop = createUpgradeAuthoriser(accounts.deps, roomy);
    const local = (origin: string) =>
      request(path, member.cookie, { origin, host: 'localhost:3000' });
    expect(await laptop.authorise(local('http://localhost:3000'))).toMatchObject({
      accepted: true,
    });
    expect(await laptop.authorise(local('http://localhost:4000'))).toMatchObject({ status: 403 });
  });
});
