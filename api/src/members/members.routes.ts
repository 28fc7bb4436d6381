import { ProjectRoleSchema } from '../http/openapi-schemas.js';
import { createRoute, z } from '@hono/zod-openapi';
import { EmailSchema } from '@callboard/domain';
import { ResourceId, errorResponses, jsonBody, jsonResponse } from '@callboard/platform';
import { ProjectParams } from '../projects/projects.routes.js';

export const MemberSchema = z
  .object({ userId: z.uuid(), email: z.string(), name: z.string(), role: ProjectRoleSchema })
  .openapi('Member');

const MemberParams = z.object({ projectId: ResourceId, userId: ResourceId });
const security = [{ sessionCookie: [] }];

export const listMembersRoute = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/members',
  tags: ['members'],
  summary: 'Members of a project and their roles',
  security,
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse('Members', z.object({ members: z.array(MemberSchema) })),
    ...errorResponses(401, 404, 429),
  },
});

export const addMemberRoute = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/members',
  tags: ['members'],
  summary: 'Add an existing account to a project (owners)',
  security,
  request: {
    params: ProjectParams,
    body: jsonBody(z.object({ email: EmailSchema, role: ProjectRoleSchema })),
  },
  responses: {
    201: jsonResponse('Added', z.object({ member: MemberSchema })),
    ...errorResponses(400, 401, 403, 404, 409, 413, 429),
  },
});

export const changeMemberRoleRoute = createRoute({
  method: 'patch',
  path: '/api/projects/{projectId}/members/{userId}',
  tags: ['members'],
  summary: "Change a member's role (owners); the last owner cannot be demoted",
  security,
  request: { params: MemberParams, body: jsonBody(z.object({ role: ProjectRoleSchema })) },
  responses: {
    200: jsonResponse('Changed', z.object({ member: MemberSchema })),
    ...errorResponses(400, 401, 403, 404, 409, 413, 429),
  },
});

export const removeMemberRoute = createRoute({
  method: 'delete',
  path: '/api/projects/{projectId}/members/{userId}',
  tags: ['members'],
  summary: 'Remove a member (owners); the last owner cannot be removed',
  security,
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409, 429) },
});
