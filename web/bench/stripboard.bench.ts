// `npm run bench -w @callboard/web`, after the editor bench: the stripboard in Debian Chromium
// against the built server with the demo schedule at its benchmark size (500 strips over 60
// days). Times the board's first render, a strip dragged with the mouse to another day, and a
// move made by a plain y-websocket client in Node until the browser has painted it. Needs
// `npm run build` first.
import {
  BENCHMARK_SCHEDULE_SIZE,
  createDemoSchedule,
  dropTarget,
  moveStrips,
  readBoard,
  stripPosition,
  stripsAt,
} from '@callboard/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { shownOn, strip, writeAsOutsideClient } from '../e2e/support/board-page.js';
import { eventually, signedInContext } from '../e2e/support/browser.js';
import { connectNodeClient } from '../e2e/support/node-client.js';
import { withBenchCalendar } from './bench-calendar.js';
import { percentile } from './percentiles.js';

const LOADS = 5;
const DRAGS = 20;
const REMOTE_MOVES = 50;
const TARGET_FIRST_RENDER_MS = 300;
const TARGET_REMOTE_MOVE_P95_MS = 50;
/** How long one drag or move may take to show before the bench gives up on it. */
const SHOW_TIMEOUT_MS = 10_000;

// In-page code goes as strings: tsx would inject helpers the page does not have.

/**
 * In the page, resolves once the DOM as it is now has been rendered: a requestAnimationFrame
 * callback runs before its frame's style, layout and paint, a message posted from it after.
 */
const AFTER_PAINT = `new Promise((painted) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => painted();
  channel.port2.postMessage(null);
}))`;

/**
 * Runs at every navigation's start. Notes when each message of the document's socket
 * arrives, on both clocks. Resolves `benchFirstScreen` once strips fill the window (the
 * board builds the days below later) and `benchBoardPainted` once all `strips` are in the
 * DOM, each when painted, with when the last message before the first strips arrived: on a
 * page with no copy of the document, its sync.
 */
const pageWatch = (strips: number) => `(() => {
  const Native = WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).includes('/yjs/')) return;
      this.addEventListener('message', () => {
        globalThis.benchMessageAt = { at: performance.now(), date: Date.now() };
      });
    }
  };
  let documentAt = null;
  let firstScreen;
  globalThis.benchFirstScreen = new Promise((done) => (firstScreen = done));
  globalThis.benchBoardPainted = new Promise((done) => {
    const observer = new MutationObserver(() => {
      const count = document.querySelectorAll('[data-strip-id]').length;
      if (count === 0) return;
      if (firstScreen) {
        documentAt ??= globalThis.benchMessageAt?.at ?? null;
        const days = document.querySelector('[aria-label="Shoot days"]');
        if (count >= ${strips} || (days && days.getBoundingClientRect().bottom >= innerHeight)) {
          const done = firstScreen;
          firstScreen = null;
          ${AFTER_PAINT}.then(() => done({ paintedAt: performance.now(), documentAt }));
        }
      }
      if (count < ${strips}) return;
      observer.disconnect();
      ${AFTER_PAINT}.then(() => done({ paintedAt: performance.now(), documentAt }));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
})()`;

/**
 * Starts watching for `stripId` on the day `dayId`; `landing(page)` then gives the page's
 * clocks once it is painted there, when the next pointerup was dispatched (if one was) and
 * when the message that brought the move arrived (if one did).
 */
const watchLanding = (page: Page, stripId: string, dayId: string) =>
  page.evaluate(`void (globalThis.benchLanding = new Promise((landed) => {
    let releasedAt = null;
    const messageBefore = globalThis.benchMessageAt;
    addEventListener('pointerup', () => (releasedAt = performance.now()), { capture: true, once: true });
    const selector = '[data-drop-list="${dayId}"] [data-strip-id="${stripId}"]';
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      // The DOM changes in the task that handles the update's message, so no later one is noted.
      const message = globalThis.benchMessageAt;
      const messageDate = message === messageBefore ? null : message.date;
      ${AFTER_PAINT}.then(() => landed({ releasedAt, messageDate, paintedAt: performance.now(), paintedDate: Date.now() }));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }))`);

interface Landing {
  releasedAt: number | null;
  messageDate: number | null;
  paintedAt: number;
  paintedDate: number;
}

function landing(page: Page, what: string): Promise<Landing> {
  return Promise.race([
    page.evaluate<Landing>('globalThis.benchLanding'),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not show`)), SHOW_TIMEOUT_MS),
    ),
  ]);
}

/** The ids of the days wholly in the window, top to bottom. */
const daysOnScreen = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('[data-day-id]')]
    .filter((day) => { const box = day.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })
    .map((day) => day.dataset.dayId)`);

/** Waits until the relay has written every update it accepted to Postgres. */
async function persisted(baseUrl: string): Promise<void> {
  await eventually(async () => {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    return /^callboard_yjs_persist_lag_seconds 0$/m.test(metrics);
  }, 'every update written to Postgres');
}

await withBenchCalendar(async ({ server, browser, owner, calendarId }) => {
  let stripCount = 0;
  await writeAsOutsideClient(server.url, calendarId, owner.token, (doc) => {
    const demo = createDemoSchedule(doc, {
      seed: 500,
      startDate: '2027-03-01',
      timezone: 'Europe/London',
      ...BENCHMARK_SCHEDULE_SIZE,
    });
    stripCount = demo.stripIds.length;
  });
  await persisted(server.url);
  // Stays connected, so the relay keeps the document loaded for every page that opens it.
  const mover = await connectNodeClient(server.url, calendarId, owner.token);
  const boardUrl = `${server.url}/calendars/${calendarId}/board`;
  const consoleErrors: string[] = [];

  async function openBoard(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await signedInContext(browser, server.url, owner, consoleErrors);
    await context.addInitScript(pageWatch(stripCount));
    return { context, page: await context.newPage() };
  }
  type Painted = { paintedAt: number; documentAt: number | null };
  const firstScreen = (page: Page) => page.evaluate<Painted>('globalThis.benchFirstScreen');
  const painted = (page: Page) => page.evaluate<Painted>('globalThis.benchBoardPainted');

  // A fresh context per load: nothing cached, no copy of the document in IndexedDB.
  const firstScreens: number[] = [];
  const documentToFirstScreen: number[] = [];
  const wholeBoards: number[] = [];
  const documentToWholeBoard: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await openBoard();
    await page.goto(boardUrl);
    const first = await firstScreen(page);
    firstScreens.push(first.paintedAt);
    documentToFirstScreen.push(first.paintedAt - first.documentAt!);
    const { paintedAt, documentAt } = await painted(page);
    wholeBoards.push(paintedAt);
    documentToWholeBoard.push(paintedAt - documentAt!);
    await page.getByText('All changes saved').waitFor();
    await context.close();
  }

  const { context, page } = await openBoard();
  await page.goto(boardUrl);
  await painted(page);
  await page.getByText('All changes saved').waitFor();
  const reloads: number[] = [];
  const reloadsWhole: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.reload();
    reloads.push((await firstScreen(page)).paintedAt);
    reloadsWhole.push((await painted(page)).paintedAt);
  }
  await page.getByText('All changes saved').waitFor();

  // One strip back and forth between the top two days, dropped on the top edge of the other
  // day's first strip so that it lands before it (as web/e2e drags do).
  const drags: number[] = [];
  const [dayA, dayB] = await daysOnScreen(page);
  if (!dayA || !dayB) throw new Error('fewer than two days fit in the window');
  const dragged = (await shownOn(page, dayA))[0]!;
  for (let i = 0; i < DRAGS; i++) {
    const to = i % 2 === 0 ? dayB : dayA;
    const source = (await strip(page, dragged).boundingBox())!;
    const target = (await strip(page, (await shownOn(page, to))[0]!).boundingBox())!;
    await watchLanding(page, dragged, to);
    await page.mouse.move(source.x + 20, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + 30, target.y + 2, { steps: 5 });
    await page.mouse.up();
    const landed = await landing(page, `drag ${i + 1}`);
    drags.push(landed.paintedAt - landed.releasedAt!);
  }
  const draggedTo = DRAGS % 2 ? dayB : dayA;
  await eventually(
    async () => stripPosition(readBoard(mover.doc), dragged)?.dayId === draggedTo,
    'the drags in the Node client',
  );

  // Moves between the same two days, each one transaction of the Node client, spaced out so
  // that each starts on a page that has finished with the last one.
  const remote: number[] = [];
  const messageToPaint: number[] = [];
  for (let i = 0; i < REMOTE_MOVES; i++) {
    const board = readBoard(mover.doc);
    const [fromDay, toDay] = i % 2 === 0 ? [dayA, dayB] : [dayB, dayA];
    const strips = stripsAt(board, fromDay)!;
    const id = strips[i % strips.length]!.id;
    const target = dropTarget(board, [id], toDay, stripsAt(board, toDay)![0]?.id ?? null);
    await watchLanding(page, id, toDay);
    const sent = Date.now();
    moveStrips(mover.doc, [id], target);
    const landed = await landing(page, `remote move ${i + 1}`);
    remote.push(landed.paintedDate - sent);
    messageToPaint.push(landed.paintedDate - landed.messageDate!);
    await new Promise((r) => setTimeout(r, 100));
  }
  await context.close();
  mover.close();

  const row = (what: string, values: number[]) => {
    const cells = [50, 95].map((p) => percentile(values, p).toFixed(1).padStart(7));
    return `${what.padEnd(58)}${cells.join('')}${Math.max(...values)
      .toFixed(1)
      .padStart(7)}${String(values.length).padStart(5)}`;
  };
  const firstRenderMedian = percentile(documentToFirstScreen, 50);
  const remoteP95 = percentile(remote, 95);
  const verdict = (met: boolean) => (met ? 'met' : 'missed');
  console.log(
    `\nstripboard with ${stripCount} strips over ${BENCHMARK_SCHEDULE_SIZE.days} days (Chromium, production build, 1280×900 window), ms`,
  );
  console.log(`${''.padEnd(58)}    p50    p95    max    n`);
  console.log(row('first render: document received → first screen painted', documentToFirstScreen));
  console.log(row('  page load: navigation start → first screen painted', firstScreens));
  console.log(row('  document received → all strips painted', documentToWholeBoard));
  console.log(row('  navigation start → all strips painted', wholeBoards));
  console.log(row('reload (scripts cached, document in IndexedDB): first screen', reloads));
  console.log(row('  all strips', reloadsWhole));
  console.log(row('local drag: mouse released → painted in its new day', drags));
  console.log(row('remote move: sent by Node → painted in its new day', remote));
  console.log(row('  of which: message received → painted', messageToPaint));
  console.log(
    `target first render < ${TARGET_FIRST_RENDER_MS} ms (median of ${LOADS} fresh loads, from the document's arrival): ${verdict(firstRenderMedian < TARGET_FIRST_RENDER_MS)} (${firstRenderMedian.toFixed(0)} ms; ${percentile(firstScreens, 50).toFixed(0)} ms from navigation start)`,
  );
  console.log(
    `target remote move painted < ${TARGET_REMOTE_MOVE_P95_MS} ms at p95 (${REMOTE_MOVES} moves): ${verdict(remoteP95 < TARGET_REMOTE_MOVE_P95_MS)} (${remoteP95.toFixed(0)} ms)`,
  );
  if (consoleErrors.length) console.log(`console errors: ${consoleErrors.join('; ')}`);
});
