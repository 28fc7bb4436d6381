import { ProjectRoleSchema } from '../http/openapi-schemas.js';
import { createRoute, z } from '@hono/zod-openapi';
import { isIanaTimeZone, NameSchema } from '@callboard/domain';
import { ResourceId, errorResponses, jsonBody, jsonResponse } from '@callboard/platform';
import { ProjectParams } from '../projects/projects.routes.js';

export const CalendarSchema = z
  .object({ id: z.uuid(), projectId: z.uuid(), name: z.string(), timezone: z.string() })
  .openapi('Calendar');

const CalendarWithRole = CalendarSchema.extend({ role: ProjectRoleSchema }).openapi(
  'CalendarWithRole',
);
const CalendarParams = z.object({ calendarId: ResourceId });
const TimeZone = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone name such as Europe/London' })
  .openapi({ example: 'Europe/London' });
const security = [{ sessionCookie: [] }];

export const createCalendarRoute = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/calendars',
  tags: ['calendars'],
  summary: 'Create a calendar (shooting schedule) in a project (owners and editors)',
  security,
  request: {
    params: ProjectParams,
    body: jsonBody(z.object({ name: NameSchema, timezone: TimeZone })),
  },
  responses: {
    201: jsonResponse('Created', z.object({ calendar: CalendarSchema })),
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

export const listCalendarsRoute = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/calendars',
  tags: ['calendars'],
  summary: 'Calendars of a project',
  security,
  request: { params: ProjectParams },
  responses: {
    200: jsonResponse('Calendars', z.object({ calendars: z.array(CalendarSchema) })),
    ...errorResponses(401, 404, 429),
  },
});

export const getCalendarRoute = createRoute({
  method: 'get',
  path: '/api/calendars/{calendarId}',
  tags: ['calendars'],
  summary: "One calendar, with the caller's role in its project",
  security,
  request: { params: CalendarParams },
  responses: {
    200: jsonResponse('The calendar', z.object({ calendar: CalendarWithRole })),
    ...errorResponses(401, 404, 429),
  },
});

export const updateCalendarRoute = createRoute({
  method: 'patch',
  path: '/api/calendars/{calendarId}',
  tags: ['calendars'],
  summary: 'Rename a calendar or change its time zone (owners and editors)',
  description:
    "Event times are wall-clock times of the calendar's zone: after a zone change they stay " +
    'as typed (08:00 stays 08:00) and so mean a different instant. Give `name`, `timezone` or both.',
  security,
  request: {
    params: CalendarParams,
    body: jsonBody(
      z
        .object({ name: NameSchema.optional(), timezone: TimeZone.optional() })
        .refine((body) => body.name !== undefined || body.timezone !== undefined, {
          message: 'give a name, a timezone or both',
        }),
    ),
  },
  responses: {
    200: jsonResponse('Changed', z.object({ calendar: CalendarWithRole })),
    ...errorResponses(400, 401, 403, 404, 413, 429),
  },
});

export const deleteCalendarRoute = createRoute({
  method: 'delete',
  path: '/api/calendars/{calendarId}',
  tags: ['calendars'],
  summary: 'Delete a calendar and its document (owners); open editors are disconnected',
  security,
  request: { params: CalendarParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 429) },
});
