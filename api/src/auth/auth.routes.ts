import { createRoute, z } from '@hono/zod-openapi';
import {
  EmailSchema,
  EmailTextSchema,
  NameSchema,
  PASSWORD_MAX_LENGTH,
  PasswordSchema,
} from '@callboard/domain';
import { errorResponses, jsonBody, jsonResponse } from '@callboard/platform';
import { InviteToken } from '../invites/invites.routes.js';

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: z.enum(['admin', 'member']),
  })
  .openapi('User');

const UserEnvelope = z.object({ user: UserSchema });

export const registerRoute = createRoute({
  method: 'post',
  path: '/api/auth/register',
  tags: ['auth'],
  summary: 'Create an account and sign in',
  description:
    'With `inviteToken` (from an invite link) the account also becomes a member of the ' +
    "invite's project with its role, or is not created at all: 404 `invite_not_found`, 410 " +
    '`invite_used` or `invite_expired`.',
  request: {
    body: jsonBody(
      z.object({
        email: EmailSchema,
        password: PasswordSchema,
        name: NameSchema,
        inviteToken: InviteToken.optional(),
      }),
    ),
  },
  responses: {
    201: jsonResponse('Created; the session cookie is set', UserEnvelope),
    ...errorResponses(400, 403, 404, 409, 410, 413, 429, 503),
  },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in',
  request: {
    body: jsonBody(
      z.object({ email: EmailTextSchema, password: z.string().max(PASSWORD_MAX_LENGTH) }),
    ),
  },
  responses: {
    200: jsonResponse('Signed in; the session cookie is set', UserEnvelope),
    ...errorResponses(400, 401, 403, 413, 429, 503),
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: the session ends everywhere at once',
  security: [{ sessionCookie: [] }],
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403, 429) },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: ['auth'],
  summary: 'The signed-in account',
  security: [{ sessionCookie: [] }],
  responses: { 200: jsonResponse('The account', UserEnvelope), ...errorResponses(401, 429) },
});

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['auth'],
  summary: 'Change the password; every other session ends',
  security: [{ sessionCookie: [] }],
  request: {
    body: jsonBody(
      z.object({
        currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
        newPassword: PasswordSchema,
      }),
    ),
  },
  responses: {
    204: { description: 'Changed; a fresh session cookie is set' },
    ...errorResponses(400, 401, 403, 413, 429, 503),
  },
});
