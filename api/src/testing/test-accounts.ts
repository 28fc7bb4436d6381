import type { ProjectRole } from '@callboard/domain';
import type { ApiEnv } from '../http/api-env.js';
import { randomBytes } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';

/** The origin test requests claim; matches the default public origin of a test platform. */
export const TEST_ORIGIN = 'http://localhost:3000';

type App = Pick<OpenAPIHono<ApiEnv>, 'request'>;

export interface TestUser {
  user: { id: string; email: string; name: string; role: 'admin' | 'member' };
  /** A ready-made Cookie header carrying the session. */
  cookie: string;
  password: string;
}

/** Sends a JSON request through the real routes, as a browser on the app's origin would. */
export async function apiRequest(
  app: App,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return app.request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

async function expectStatus(response: Response, status: number, what: string): Promise<unknown> {
  const body: unknown = response.status === 204 ? null : await response.json();
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(body)}`);
  }
  return body;
}

/** The `session=…` pair from a response's Set-Cookie header. */
export function sessionCookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)session=([^;]*)/.exec(header);
  if (!match?.[1]) throw new Error('no session cookie in the response');
  return `session=${match[1]}`;
}

/** Registers an account through the real route and returns its session cookie. */
export async function registerTestUser(
  app: App,
  input: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const password = input.password ?? 'a long enough password';
  const email = input.email ?? `user-${randomBytes(5).toString('hex')}@example.test`;
  const response = await apiRequest(app, 'POST', '/api/auth/register', {
    body: { email, password, name: input.name ?? email.split('@')[0] },
  });
  const body = (await expectStatus(response, 201, 'register')) as { user: TestUser['user'] };
  return { user: body.user, cookie: sessionCookieFrom(response), password };
}

export async function createTestProject(app: App, owner: TestUser, name = 'Test production') {
  const response = await apiRequest(app, 'POST', '/api/projects', {
    cookie: owner.cookie,
    body: { name },
  });
  return (
    (await expectStatus(response, 201, 'create project')) as {
      project: { id: string; name: string };
    }
  ).project;
}

export async function addTestMember(
  app: App,
  owner: TestUser,
  projectId: string,
  member: TestUser,
  role: ProjectRole,
) {
  const response = await apiRequest(app, 'POST', `/api/projects/${projectId}/members`, {
    cookie: owner.cookie,
    body: { email: member.user.email, role },
  });
  return expectStatus(response, 201, 'add member');
}

export async function createTestCalendar(
  app: App,
  user: TestUser,
  projectId: string,
  input: { name?: string; timezone?: string } = {},
) {
  const response = await apiRequest(app, 'POST', `/api/projects/${projectId}/calendars`, {
    cookie: user.cookie,
    body: { name: input.name ?? 'Main unit', timezone: input.timezone ?? 'Europe/London' },
  });
  return (
    (await expectStatus(response, 201, 'create calendar')) as {
      calendar: { id: string; projectId: string; name: string; timezone: string };
    }
  ).calendar;
}
