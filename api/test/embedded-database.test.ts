import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addTestMember,
  apiRequest,
  createTestProject,
  openTestApi,
  registerTestUser,
} from '../src/testing/index.js';
import { json } from './support/api-under-test.js';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'callboard-api-embedded-'));
const test = await openTestApi({ DATA_DIR: dataDir });
const { app } = test;
afterAll(async () => {
  await test.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the API on the embedded database', () => {
  it('changes roles beside ten reads each, audits every change, and keeps answering', async () => {
    const owner = await registerTestUser(app);
    const crew = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, crew, 'editor');
    const read = () => apiRequest(app, 'GET', '/api/projects', { cookie: owner.cookie });
    const changeBesideReads = async (role: string) => {
      const responses = await Promise.all([
        ...Array.from({ length: 5 }, read),
        apiRequest(app, 'PATCH', `/api/projects/${project.id}/members/${crew.user.id}`, {
          cookie: owner.cookie,
          body: { role },
        }),
        ...Array.from({ length: 5 }, read),
      ]);
      expect(responses.map((response) => response.status)).toEqual(Array(11).fill(200));
    };

    // The second change reuses the prepared audit statement, as every later one on a server does.
    await changeBesideReads('viewer');
    await changeBesideReads('owner');

    expect((await app.request('http://localhost:3000/health')).status).toBe(200);
    const rows = await test.platform.database.sql<{ detail: unknown }[]>`
      select detail from audit_log
      where action = 'project.member.role-changed' and subject = ${crew.user.id}
      order by id`;
    expect(rows).toEqual([
      { detail: { projectId: project.id, role: 'viewer' } },
      { detail: { projectId: project.id, role: 'owner' } },
    ]);
    const members = await apiRequest(app, 'GET', `/api/projects/${project.id}/members`, {
      cookie: owner.cookie,
    });
    expect((await json<{ members: { role: string }[] }>(members)).members[1]?.role).toBe('owner');
  });
});
