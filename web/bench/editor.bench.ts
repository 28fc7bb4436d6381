// `npm run bench -w @callboard/web`: the editor in Debian Chromium against the built server with
// 2,000 events in one calendar: time to render the month view, and from a remote edit (a plain
// y-websocket client in Node) to the browser showing it. Needs `npm run build` first.
import { createEvent, nowInTimeZone, updateEvent } from '@callboard/domain';
import { signedInContext } from '../e2e/support/browser.js';
import { connectNodeClient } from '../e2e/support/node-client.js';
import { withBenchCalendar } from './bench-calendar.js';
import { percentile } from './percentiles.js';

const EVENTS = 2000;
const REMOTE_EDITS = 30;
await withBenchCalendar(async ({ server, browser, owner, calendarId }) => {
  const month = nowInTimeZone('Europe/London').slice(0, 7);
  const outside = await connectNodeClient(server.url, calendarId, owner.token);
  const ids: string[] = [];
  outside.doc.transact(() => {
    for (let i = 0; i < EVENTS; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const hour = String(6 + (i % 14)).padStart(2, '0');
      ids.push(
        createEvent(outside.doc, {
          title: `Event ${i}`,
          kind: 'shoot',
          start: `${month}-${day}T${hour}:00`,
          end: `${month}-${day}T${hour}:45`,
          allDay: false,
          location: '',
          notes: '',
        }),
      );
    }
  });
  await new Promise((r) => setTimeout(r, 500));

  const consoleErrors: string[] = [];
  const context = await signedInContext(browser, server.url, owner, consoleErrors);
  const page = await context.newPage();
  await page.goto(`${server.url}/calendars/${calendarId}`);
  await page.locator('[data-event-id]').first().waitFor();
  await page.getByText('All changes saved').waitFor();
  const firstRenderMs = await page.evaluate(() => performance.now());

  // Re-render of the month view from the document: switch away and back.
  const switchTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('tab', { name: 'Agenda' }).click();
    await page.getByRole('list', { name: 'Agenda' }).waitFor();
    // A string, not a function: tsx would inject helpers the page does not have.
    switchTimes.push(
      await page.evaluate<number>(`(async () => {
        const started = performance.now();
        [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === 'Month').click();
        while (!document.querySelector('[role="grid"] [data-event-id]')) {
          await new Promise((r) => requestAnimationFrame(r));
        }
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - started;
      })()`),
    );
  }

  // Remote edits: the page records when each new title appears; Node records when it sent it.
  const delays: number[] = [];
  const visible = await page
    .locator('[role="grid"] [data-event-id]')
    .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-event-id')!));
  for (let i = 0; i < REMOTE_EDITS; i++) {
    // Sorts first in its day, so the edited event stays among the chips the month view shows.
    const title = `A remote edit ${i}`;
    const seen = page.evaluate<number>(`new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.body.textContent.includes(${JSON.stringify(title)})) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    })`);
    await new Promise((r) => setTimeout(r, 50));
    const sent = Date.now();
    updateEvent(outside.doc, visible[i % visible.length]!, { title });
    delays.push((await seen) - sent);
  }
  outside.close();

  console.log(`\neditor with ${EVENTS} events in one calendar (Chromium, production build)`);
  console.log(
    `  open the calendar, sync and render the month view: ${firstRenderMs.toFixed(0)} ms after navigation start`,
  );
  console.log(
    `  re-render the month view from the document (median of 5): ${percentile(switchTimes, 50).toFixed(1)} ms`,
  );
  console.log(
    `  remote edit → shown in the browser: p50 ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms, max ${Math.max(...delays)} ms (${REMOTE_EDITS} edits)`,
  );
  if (consoleErrors.length) console.log(`  console errors: ${consoleErrors.join('; ')}`);
});
