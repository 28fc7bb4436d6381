import type { ProjectRole } from '@callboard/domain';
/** A crew member created through the real API, with the session token a browser would hold. */
export interface Account {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

async function call(baseUrl: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      origin: baseUrl,
      'content-type': 'application/json',
      ...(token ? { cookie: `session=${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

export async function createAccount(baseUrl: string, name: string): Promise<Account> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.test`;
  const password = 'a long enough password';
  const response = await call(baseUrl, 'POST', '/api/auth/register', { name, email, password });
  const token = /session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, name, email, password, token };
}

/** A project owned by `owner` with one calendar, and the given members added. */
export async function createProduction(
  baseUrl: string,
  owner: Account,
  members: { account: Account; role: ProjectRole }[],
  timezone = 'Europe/London',
) {
  const project = (
    (await (
      await call(baseUrl, 'POST', '/api/projects', { name: 'The Long Night' }, owner.token)
    ).json()) as {
      project: { id: string };
    }
  ).project;
  for (const { account, role } of members) {
    await call(
      baseUrl,
      'POST',
      `/api/projects/${project.id}/members`,
      { email: account.email, role },
      owner.token,
    );
  }
  const calendar = (
    (await (
      await call(
        baseUrl,
        'POST',
        `/api/projects/${project.id}/calendars`,
        { name: 'Main unit', timezone },
        owner.token,
      )
    ).json()) as { calendar: { id: string } }
  ).calendar;
  return { projectId: project.id, calendarId: calendar.id };
}

/** Changes a member's role as the owner would, through the API. */
export async function changeRole(
  baseUrl: string,
  owner: Account,
  projectId: string,
  member: Account,
  role: ProjectRole,
): Promise<void> {
  await call(
    baseUrl,
    'PATCH',
    `/api/projects/${projectId}/members/${member.id}`,
    { role },
    owner.token,
  );
}
