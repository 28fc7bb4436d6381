import { ProjectRoleSchema } from '../http/openapi-schemas.js';
import { createRoute, z } from '@hono/zod-openapi';
import { NameSchema } from '@callboard/domain';
import { ResourceId, errorResponses, jsonBody, jsonResponse } from '@callboard/platform';

export const ProjectSchema = z
  .object({ id: z.uuid(), name: z.string(), role: ProjectRoleSchema })
  .openapi('Project');

const ProjectEnvelope = z.object({ project: ProjectSchema });
export const ProjectParams = z.object({ projectId: ResourceId });
const security = [{ sessionCookie: [] }];

export const createProjectRoute = createRoute({
  method: 'post',
  path: '/api/projects',
  tags: ['projects'],
  summary: 'Create a project (a production); the caller becomes its owner',
  security,
  request: { body: jsonBody(z.object({ name: NameSchema })) },
  responses: {
    201: jsonResponse('Created', ProjectEnvelope),
    ...errorResponses(400, 401, 403, 413, 429),
  },
});

export const listProjectsRoute = createRoute({
  method: 'get',
  path: '/api/projects',
  tags: ['projects'],
  summary: "The caller's projects with their role in each",
  security,
  responses: {
    200: jsonResponse('Projects', z.object({ projects: z.array(ProjectSchema) })),
    ...errorResponses(401, 429),
  },
});

export const getProjectRoute = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}',
  tags: ['projects'],
  summary: 'One project',
  security,
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse('The project', ProjectEnvelope),
    ...errorResponses(401, 404, 429),
  },
});

export const renameProjectRoute = createRoute({
  method: 'patch',
  path: '/api/projects/{projectId}',
  tags: ['projects'],
  summary: 'Rename a project (owners)',
  security,
  request: { params: ProjectParams, body: jsonBody(z.object({ name: NameSchema })) },
  responses: {
    200: jsonResponse('Renamed', ProjectEnvelope),
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

export const deleteProjectRoute = createRoute({
  method: 'delete',
  path: '/api/projects/{projectId}',
  tags: ['projects'],
  summary: 'Delete a project with its calendars (owners)',
  security,
  request: { params: ProjectParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 429) },
});
