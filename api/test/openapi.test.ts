import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiRequest } from '../src/testing/index.js';
import { startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest();
const committed = JSON.parse(
  readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
);

describe.skipIf(!api)('the OpenAPI document', () => {
  it('is served at /api/openapi.json and matches docs/openapi.json (run `npm run openapi -w @callboard/api`)', async () => {
    const response = await apiRequest(api!.app, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(committed);
  });

  it('declares every route of the contract', () => {
    expect(Object.keys(committed.paths).sort()).toEqual(
      [
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/auth/password',
        '/api/auth/register',
        '/api/calendars/{calendarId}',
        '/api/calendars/{calendarId}/document',
        '/api/calendars/{calendarId}/versions',
        '/api/versions/{versionId}',
        '/api/versions/{versionId}/diff',
        '/api/versions/{versionId}/restore',
        '/api/invites/preview',
        '/api/projects',
        '/api/projects/{projectId}',
        '/api/projects/{projectId}/calendars',
        '/api/projects/{projectId}/invites',
        '/api/projects/{projectId}/invites/{inviteId}',
        '/api/projects/{projectId}/members',
        '/api/projects/{projectId}/members/{userId}',
        '/health',
        '/metrics',
        '/ready',
      ].sort(),
    );
  });
});
