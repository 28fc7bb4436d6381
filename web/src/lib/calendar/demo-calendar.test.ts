import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  boardDays,
  CLOSE_CODES,
  DEMO_PRODUCTION_NAME,
  DEMO_SCHEDULE_SIZE,
  readBoard,
  readMeta,
} from '@callboard/domain';
import type { ApiClient } from '$lib/api/api-client';
import { stubBrowser } from '../../../test/support/test-browser';
import { YjsTestRelay } from '../../../test/support/yjs-test-relay';
import { createDemoCalendar } from './demo-calendar';

let relay: YjsTestRelay;

beforeEach(async () => {
  relay = await YjsTestRelay.start();
  stubBrowser(relay.origin);
});

afterEach(async () => {
  await relay.close();
  vi.unstubAllGlobals();
});

/** The API's create-calendar route as the page meets it: the calendar it made, or a failure. */
function fakeApi() {
  const POST = vi.fn(async (_path: string, init: { body: { name: string; timezone: string } }) => ({
    data: { calendar: { id: 'demo-calendar', ...init.body } },
    response: new Response(null, { status: 201 }),
  }));
  return { api: { POST } as unknown as ApiClient, POST };
}

describe('the demo calendar', () => {
  test('creates a calendar named for the demo and resolves once the server holds its whole schedule', async () => {
    const { api, POST } = fakeApi();
    const calendarId = await createDemoCalendar(api, 'project-1', 'America/New_York');
    expect(calendarId).toBe('demo-calendar');
    expect(POST).toHaveBeenCalledWith('/api/projects/{projectId}/calendars', {
      params: { path: { projectId: 'project-1' } },
      body: { name: DEMO_PRODUCTION_NAME, timezone: 'America/New_York' },
    });
    // Already there when the promise resolves: the page opened next shows it.
    const days = boardDays(readBoard(relay.doc));
    expect(days).toHaveLength(DEMO_SCHEDULE_SIZE.days);
    expect(readMeta(relay.doc)).toMatchObject({
      name: DEMO_PRODUCTION_NAME,
      timezone: 'America/New_York',
    });
    // It closes both of its connections.
    await vi.waitFor(() => expect(relay.connections).toBe(0), { timeout: 5000, interval: 20 });
  });

  test('fails when the server refuses the schedule', async () => {
    const { api } = fakeApi();
    relay.refuseNextUpdate(CLOSE_CODES.documentLimitExceeded);
    await expect(createDemoCalendar(api, 'project-1', 'UTC')).rejects.toThrow(
      'The demo schedule did not reach the server',
    );
    expect(boardDays(readBoard(relay.doc))).toEqual([]);
  });
});
