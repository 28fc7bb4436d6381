import { createTestDatabase, createTestRedis, waitFor } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTestMember,
  apiRequest,
  createTestProject,
  openTestApi,
  registerTestUser,
  type TestApi,
  type TestUser,
} from '../src/testing/index.js';

// Project lists are cached per process; these tests prove no change is ever read stale, on the
// instance that made it or on another one sharing the database and Redis.
const database = await createTestDatabase();
const redis = database ? await createTestRedis() : null;

type App = TestApi['app'];

async function projectNames(app: App, user: TestUser): Promise<string[]> {
  const response = await apiRequest(app, 'GET', '/api/projects', { cookie: user.cookie });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { projects: { name: string }[] };
  return body.projects.map((project) => project.name);
}

describe.skipIf(!database || !redis)('project lists on two API instances', () => {
  const platforms: TestApi[] = [];
  let one: App;
  let two: App;

  beforeAll(async () => {
    const env = { DATABASE_URL: database!.url, REDIS_URL: redis!.url, REDIS_PREFIX: redis!.prefix };
    platforms.push(await openTestApi(env), await openTestApi(env));
    [one, two] = platforms.map((test) => test.app) as [App, App];
  });

  afterAll(async () => {
    await Promise.all(platforms.map((test) => test.close()));
    await database?.drop();
  });

  it('shows the caller’s own changes at once on the instance that made them', async () => {
    const owner = await registerTestUser(one);
    expect(await projectNames(one, owner)).toEqual([]);
    const project = await createTestProject(one, owner, 'Night shoot');
    expect(await projectNames(one, owner)).toEqual(['Night shoot']);
    await apiRequest(one, 'PATCH', `/api/projects/${project.id}`, {
      cookie: owner.cookie,
      body: { name: 'Night exteriors' },
    });
    expect(await projectNames(one, owner)).toEqual(['Night exteriors']);
    await apiRequest(one, 'DELETE', `/api/projects/${project.id}`, { cookie: owner.cookie });
    expect(await projectNames(one, owner)).toEqual([]);
  });

  it('drops another instance’s cached list when a member is added, a project renamed or deleted', async () => {
    const owner = await registerTestUser(one);
    const crew = await registerTestUser(one);
    const project = await createTestProject(one, owner, 'Second unit');
    // Cached on instance two.
    expect(await projectNames(two, crew)).toEqual([]);
    expect(await projectNames(two, owner)).toEqual(['Second unit']);

    await addTestMember(one, owner, project.id, crew, 'viewer');
    await waitFor(
      async () => (await projectNames(two, crew)).includes('Second unit'),
      'the new member to see the project on the other instance',
      2_000,
    );

    await apiRequest(one, 'PATCH', `/api/projects/${project.id}`, {
      cookie: owner.cookie,
      body: { name: 'Splinter unit' },
    });
    await waitFor(
      async () => (await projectNames(two, owner)).includes('Splinter unit'),
      'the rename on the other instance',
      2_000,
    );

    await apiRequest(one, 'DELETE', `/api/projects/${project.id}`, { cookie: owner.cookie });
    await waitFor(
      async () => (await projectNames(two, crew)).length === 0,
      'the deletion on the other instance',
      2_000,
    );
  });
});
