import { createDemoSchedule, DEMO_PRODUCTION_NAME, nowInTimeZone } from '@callboard/domain';
import { unwrap, type ApiClient } from '$lib/api/api-client';
import { NetworkError } from '$lib/errors/api-error';
import { DocumentConnection } from './document-connection';

/**
 * Creates a calendar in the project holding the demo schedule, shooting from today in its
 * zone, and resolves its id once the server holds the whole schedule: the page opened next,
 * on any device, shows it at once. A new seed each time, so no two demos share ids.
 */
export async function createDemoCalendar(
  api: ApiClient,
  projectId: string,
  timezone: string,
): Promise<string> {
  const { calendar } = await unwrap(
    api.POST('/api/projects/{projectId}/calendars', {
      params: { path: { projectId } },
      body: { name: DEMO_PRODUCTION_NAME, timezone },
    }),
  );
  const writer = new DocumentConnection(calendar.id);
  try {
    if (!(await writer.synced())) throw new NetworkError();
    createDemoSchedule(writer.doc, {
      seed: crypto.getRandomValues(new Uint32Array(1))[0]!,
      startDate: nowInTimeZone(timezone).slice(0, 10),
      timezone,
    });
    if (!(await writer.written())) throw new Error('The demo schedule did not reach the server');
  } finally {
    writer.close();
  }
  return calendar.id;
}
