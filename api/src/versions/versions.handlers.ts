import type { OpenAPIHono } from '@hono/zod-openapi';
import type { CalendarVersionRow } from '@callboard/db';
import type { RevisionColour } from '@callboard/domain';
import { requireSession } from '../auth/session.middleware.js';
import type { ApiEnv } from '../http/api-env.js';
import { sendEncodedBody } from '../http/encoded-body.js';
import {
  createVersionRoute,
  deleteVersionRoute,
  diffVersionRoute,
  getDocumentRoute,
  getVersionRoute,
  listVersionsRoute,
  restoreVersionRoute,
} from './versions.routes.js';
import type { VersionsService } from './versions.service.js';

/** A version as the API shows it: dates as ISO text, the state vector as base64. */
function versionBody(version: CalendarVersionRow) {
  return {
    id: version.id,
    calendarId: version.calendarId,
    name: version.name,
    colour: version.colour as RevisionColour | null,
    automatic: version.automatic,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    stateVector: Buffer.from(version.stateVector).toString('base64'),
  };
}

export function registerVersionRoutes(app: OpenAPIHono<ApiEnv>, versions: VersionsService): void {
  app.openapi(getDocumentRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const body = await versions.documentBody(user.id, c.req.valid('param').calendarId);
    // Serialised once per document version by the service; the route's schema describes it.
    return sendEncodedBody(c, body) as never;
  });

  app.openapi(createVersionRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const version = await versions.create(
      user.id,
      c.req.valid('param').calendarId,
      c.req.valid('json'),
    );
    return c.json({ version: versionBody(version) }, 201);
  });

  app.openapi(listVersionsRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const list = await versions.list(user.id, c.req.valid('param').calendarId);
    return c.json({ versions: list.map(versionBody) }, 200);
  });

  app.openapi(getVersionRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { version, document } = await versions.get(user.id, c.req.valid('param').versionId);
    return c.json({ version: versionBody(version), document }, 200);
  });

  app.openapi(deleteVersionRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    await versions.delete(user.id, c.req.valid('param').versionId);
    return c.body(null, 204);
  });

  app.openapi(diffVersionRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const diff = await versions.diff(
      user.id,
      c.req.valid('param').versionId,
      c.req.valid('query').to,
    );
    return c.json({ diff }, 200);
  });

  app.openapi(restoreVersionRoute, async (c) => {
    const { user } = requireSession(c.get('session'));
    const { restored, before } = await versions.restore(user.id, c.req.valid('param').versionId);
    return c.json({ restored: versionBody(restored), before: versionBody(before) }, 200);
  });
}
