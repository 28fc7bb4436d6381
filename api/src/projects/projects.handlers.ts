import type { ApiEnv } from '../http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../auth/session.middleware.js';
import {
  createProjectRoute,
  deleteProjectRoute,
  getProjectRoute,
  listProjectsRoute,
  renameProjectRoute,
} from './projects.routes.js';
import type { ProjectsService } from './projects.service.js';

export function registerProjectRoutes(app: OpenAPIHono<ApiEnv>, projects: ProjectsService): void {
  app.openapi(createProjectRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json({ project: await projects.create(user.id, c.req.valid('json').name) }, 201);
  });

  app.openapi(listProjectsRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json({ projects: await projects.list(user.id) }, 200);
  });

  app.openapi(getProjectRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json({ project: await projects.get(user.id, c.req.valid('param').projectId) }, 200);
  });

  app.openapi(renameProjectRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { projectId } = c.req.valid('param');
    return c.json(
      { project: await projects.rename(user.id, projectId, c.req.valid('json').name) },
      200,
    );
  });

  app.openapi(deleteProjectRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    await projects.delete(user.id, c.req.valid('param').projectId);
    return c.body(null, 204);
  });
}
