import { createRoute, z } from '@hono/zod-openapi';
import { NameSchema, REVISION_COLOURS } from '@callboard/domain';
import { ResourceId, errorResponses, jsonBody, jsonResponse } from '@callboard/platform';

const security = [{ sessionCookie: [] }];
const CalendarParams = z.object({ calendarId: ResourceId });
const VersionParams = z.object({ versionId: ResourceId });

/** Entries of the documented schema (docs/document-schema.md); unknown fields may follow. */
const entry = (name: string) => z.object({ id: z.string() }).catchall(z.unknown()).openapi(name);

export const ScheduleDocumentSchema = z
  .object({
    meta: z.object({ schemaVersion: z.number(), name: z.string(), timezone: z.string() }).partial(),
    settings: z.object({
      palettePreset: z.string(),
      palette: z.record(z.string(), z.string()),
      paletteChanges: z.record(z.string(), z.string()),
      workingDays: z.array(z.number()).readonly(),
    }),
    events: z.array(entry('ScheduleEvent')),
    shootDays: z.array(entry('ShootDay')),
    strips: z.array(entry('Strip')),
    cast: z.array(entry('CastMember')),
  })
  .openapi('ScheduleDocument', {
    description: 'A schedule by the document schema of docs/document-schema.md.',
  });

export const VersionSchema = z
  .object({
    id: z.uuid(),
    calendarId: z.uuid(),
    name: z.string(),
    colour: z.enum(REVISION_COLOURS).nullable(),
    automatic: z.boolean().openapi({ description: 'Taken before a restore or an import' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    stateVector: z.string().openapi({ description: 'The Yjs state vector, base64' }),
  })
  .openapi('Version');

const PlaceSchema = z.object({
  dayId: z.string(),
  day: z.object({ number: z.number(), unit: z.string(), date: z.string() }).nullable(),
});
const CastChange = z.object({ id: z.string(), number: z.string(), name: z.string() });
const DayChange = z.object({ id: z.string(), date: z.string(), unit: z.string() });
export const ScheduleDiffSchema = z
  .object({
    strips: z.object({
      added: z.array(z.object({ id: z.string(), scene: z.string(), to: PlaceSchema })),
      removed: z.array(z.object({ id: z.string(), scene: z.string(), from: PlaceSchema })),
      moved: z.array(
        z.object({ id: z.string(), scene: z.string(), from: PlaceSchema, to: PlaceSchema }),
      ),
    }),
    shootDays: z.object({
      added: z.array(DayChange),
      removed: z.array(DayChange),
      redated: z.array(
        z.object({ id: z.string(), unit: z.string(), from: z.string(), to: z.string() }),
      ),
    }),
    cast: z.object({
      added: z.array(CastChange),
      removed: z.array(CastChange),
      changed: z.array(CastChange),
    }),
  })
  .openapi('ScheduleDiff');

export const getDocumentRoute = createRoute({
  method: 'get',
  path: '/api/calendars/{calendarId}/document',
  tags: ['versions'],
  summary: 'The current schedule as JSON, read from what the relay persisted (members)',
  description:
    'Carries an ETag: a read with If-None-Match naming it answers 304 while the schedule is unchanged. Gzip when Accept-Encoding allows it.',
  security,
  request: { params: CalendarParams },
  responses: {
    200: jsonResponse('The schedule', z.object({ document: ScheduleDocumentSchema })),
    304: { description: 'The schedule is unchanged since the ETag the client sent' },
    ...errorResponses(401, 404, 429),
  },
});

export const createVersionRoute = createRoute({
  method: 'post',
  path: '/api/calendars/{calendarId}/versions',
  tags: ['versions'],
  summary: 'Save the current schedule as a named version (owners and editors)',
  security,
  request: {
    params: CalendarParams,
    body: jsonBody(
      z.strictObject({ name: NameSchema, colour: z.enum(REVISION_COLOURS).optional() }),
    ),
  },
  responses: {
    201: jsonResponse('Saved', z.object({ version: VersionSchema })),
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

export const listVersionsRoute = createRoute({
  method: 'get',
  path: '/api/calendars/{calendarId}/versions',
  tags: ['versions'],
  summary: 'Versions of a schedule, newest first (members)',
  security,
  request: { params: CalendarParams },
  responses: {
    200: jsonResponse('Versions', z.object({ versions: z.array(VersionSchema) })),
    ...errorResponses(401, 404, 429),
  },
});

export const getVersionRoute = createRoute({
  method: 'get',
  path: '/api/versions/{versionId}',
  tags: ['versions'],
  summary: 'One version, with the schedule as it was (members)',
  security,
  request: { params: VersionParams },
  responses: {
    200: jsonResponse(
      'The version',
      z.object({ version: VersionSchema, document: ScheduleDocumentSchema }),
    ),
    ...errorResponses(401, 404, 429),
  },
});

export const deleteVersionRoute = createRoute({
  method: 'delete',
  path: '/api/versions/{versionId}',
  tags: ['versions'],
  summary: 'Delete a version (owners)',
  security,
  request: { params: VersionParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 429) },
});

export const diffVersionRoute = createRoute({
  method: 'get',
  path: '/api/versions/{versionId}/diff',
  tags: ['versions'],
  summary: 'What changed from this version to another of the same schedule, or to the current one',
  security,
  request: {
    params: VersionParams,
    query: z.object({ to: z.union([z.literal('current'), z.uuid()]).default('current') }),
  },
  responses: {
    200: jsonResponse('The changes', z.object({ diff: ScheduleDiffSchema })),
    ...errorResponses(400, 401, 404, 429),
  },
});

export const restoreVersionRoute = createRoute({
  method: 'post',
  path: '/api/versions/{versionId}/restore',
  tags: ['versions'],
  summary:
    'Make the live schedule equal to this version as a new change (owners and editors); the state before is saved as an automatic version',
  security,
  request: { params: VersionParams },
  responses: {
    200: jsonResponse(
      'Restored',
      z.object({
        restored: VersionSchema,
        before: VersionSchema.openapi({ description: 'Restore this one to undo the restore' }),
      }),
    ),
    ...errorResponses(401, 403, 404, 429),
  },
});
