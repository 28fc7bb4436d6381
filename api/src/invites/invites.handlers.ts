import type { ApiEnv } from '../http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../auth/session.middleware.js';
import {
  createInviteRoute,
  listInvitesRoute,
  previewInviteRoute,
  revokeInviteRoute,
} from './invites.routes.js';
import type { InvitesService } from './invites.service.js';

export function registerInviteRoutes(app: OpenAPIHono<ApiEnv>, invites: InvitesService): void {
  app.openapi(createInviteRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const created = await invites.create(
      user.id,
      c.req.valid('param').projectId,
      c.req.valid('json'),
    );
    return c.json(created, 201);
  });

  app.openapi(listInvitesRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json(
      { invites: await invites.listPending(user.id, c.req.valid('param').projectId) },
      200,
    );
  });

  app.openapi(revokeInviteRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { projectId, inviteId } = c.req.valid('param');
    await invites.revoke(user.id, projectId, inviteId);
    return c.body(null, 204);
  });

  app.openapi(previewInviteRoute, async (c) =>
    c.json({ invite: await invites.preview(c.req.valid('json').token) }, 200),
  );
}
