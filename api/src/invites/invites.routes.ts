import { ProjectRoleSchema } from '../http/openapi-schemas.js';
import { createRoute, z } from '@hono/zod-openapi';
import { EmailSchema } from '@callboard/domain';
import { ResourceId, errorResponses, jsonBody, jsonResponse } from '@callboard/platform';
import { ProjectParams } from '../projects/projects.routes.js';

export const InviteSchema = z
  .object({
    id: z.uuid(),
    role: ProjectRoleSchema,
    /** Who the owner meant it for; registration does not check it. */
    email: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('Invite');

const InvitePreviewSchema = z
  .object({
    projectId: z.uuid(),
    projectName: z.string(),
    role: ProjectRoleSchema,
    email: z.string().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('InvitePreview');

/** An invite token as the link carries it; anything else is simply an unknown invite. */
export const InviteToken = z.string().min(1).max(64);

const InviteParams = z.object({ projectId: ResourceId, inviteId: ResourceId });
const security = [{ sessionCookie: [] }];

export const createInviteRoute = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/invites',
  tags: ['members'],
  summary: 'Create a single-use invite link for someone without an account (owners)',
  description:
    'The response carries the token once; only its hash is stored. Registering with it ' +
    '(`inviteToken`) within the validity makes the new account a member with `role`.',
  security,
  request: {
    params: ProjectParams,
    body: jsonBody(z.object({ role: ProjectRoleSchema, email: EmailSchema.optional() })),
  },
  responses: {
    201: jsonResponse(
      'Created',
      z.object({ invite: InviteSchema, token: z.string().openapi({ example: 'abc234…' }) }),
    ),
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

export const listInvitesRoute = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/invites',
  tags: ['members'],
  summary: 'Pending invites of a project: unused and unexpired (owners)',
  security,
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse('Pending invites', z.object({ invites: z.array(InviteSchema) })),
    ...errorResponses(401, 403, 404, 429),
  },
});

export const revokeInviteRoute = createRoute({
  method: 'delete',
  path: '/api/projects/{projectId}/invites/{inviteId}',
  tags: ['members'],
  summary: 'Revoke a pending invite (owners); its link stops working at once',
  security,
  request: { params: InviteParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404, 429) },
});

export const previewInviteRoute = createRoute({
  method: 'post',
  path: '/api/invites/preview',
  tags: ['auth'],
  summary: 'What an invite link offers, for the registration page; needs no session',
  description: 'The token travels in the body so it stays out of URLs and access logs.',
  request: { body: jsonBody(z.object({ token: InviteToken })) },
  responses: {
    200: jsonResponse('The invite', z.object({ invite: InvitePreviewSchema })),
    ...errorResponses(400, 403, 404, 410, 413, 429),
  },
});
