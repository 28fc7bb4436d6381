import type { ApiEnv } from '../http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../auth/session.middleware.js';
import {
  addMemberRoute,
  changeMemberRoleRoute,
  listMembersRoute,
  removeMemberRoute,
} from './members.routes.js';
import type { MembersService } from './members.service.js';

export function registerMemberRoutes(app: OpenAPIHono<ApiEnv>, members: MembersService): void {
  app.openapi(listMembersRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json({ members: await members.list(user.id, c.req.valid('param').projectId) }, 200);
  });

  app.openapi(addMemberRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const member = await members.add(user.id, c.req.valid('param').projectId, c.req.valid('json'));
    return c.json({ member }, 201);
  });

  app.openapi(changeMemberRoleRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { projectId, userId } = c.req.valid('param');
    const member = await members.changeRole(user.id, projectId, userId, c.req.valid('json').role);
    return c.json({ member }, 200);
  });

  app.openapi(removeMemberRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { projectId, userId } = c.req.valid('param');
    await members.remove(user.id, projectId, userId);
    return c.body(null, 204);
  });
}
