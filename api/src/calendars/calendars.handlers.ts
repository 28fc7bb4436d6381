import type { ApiEnv } from '../http/api-env.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireSession } from '../auth/session.middleware.js';
import {
  createCalendarRoute,
  deleteCalendarRoute,
  getCalendarRoute,
  listCalendarsRoute,
  updateCalendarRoute,
} from './calendars.routes.js';
import type { CalendarsService } from './calendars.service.js';

export function registerCalendarRoutes(
  app: OpenAPIHono<ApiEnv>,
  calendars: CalendarsService,
): void {
  app.openapi(createCalendarRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const calendar = await calendars.create(
      user.id,
      c.req.valid('param').projectId,
      c.req.valid('json'),
    );
    return c.json({ calendar }, 201);
  });

  app.openapi(listCalendarsRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json(
      { calendars: await calendars.list(user.id, c.req.valid('param').projectId) },
      200,
    );
  });

  app.openapi(getCalendarRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    return c.json({ calendar: await calendars.get(user.id, c.req.valid('param').calendarId) }, 200);
  });

  app.openapi(updateCalendarRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { calendarId } = c.req.valid('param');
    return c.json(
      { calendar: await calendars.update(user.id, calendarId, c.req.valid('json')) },
      200,
    );
  });

  app.openapi(deleteCalendarRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    await calendars.delete(user.id, c.req.valid('param').calendarId);
    return c.body(null, 204);
  });
}
