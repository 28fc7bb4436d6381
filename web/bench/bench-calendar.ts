import type { Browser } from 'playwright-core';
import { createAccount, createProduction, type Account } from '../e2e/support/accounts.js';
import { startAppServer, type AppServer } from '../e2e/support/app-server.js';
import { launchChromium } from '../e2e/support/browser.js';

export interface BenchCalendar {
  server: AppServer;
  browser: Browser;
  owner: Account;
  calendarId: string;
}

/**
 * What each web bench starts from: the built app on a fresh database, Debian's Chromium and
 * an owner with one empty calendar. Runs `bench`, then stops the browser and the server.
 */
export async function withBenchCalendar(bench: (setup: BenchCalendar) => Promise<void>) {
  const server = await startAppServer();
  if (!server) throw new Error('the benchmark needs Postgres (TEST_DATABASE_URL)');
  const browser = await launchChromium();
  try {
    const owner = await createAccount(server.url, 'Bench Owner');
    const { calendarId } = await createProduction(server.url, owner, []);
    await bench({ server, browser, owner, calendarId });
  } finally {
    await browser.close();
    await server.stop();
  }
}
