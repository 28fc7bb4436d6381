import { contentSecurityPolicyDirectives, nowInTimeZone } from '@callboard/domain';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import {
  eventually,
  launchChromium,
  signedInContext,
  takeCspViolations,
} from './support/browser.js';
import { seedEvents } from './support/node-client.js';

const server = await startAppServer();

/** The response of a page load carries the policy and the other security headers. */
function expectSecured(response: Response | null) {
  expect(response, 'a document response').not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"])
    expect(csp, response!.url()).toContain(directive);
  expect(csp).toMatch(/script-src 'self' 'sha256-[^']+'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  // The test server runs over http, where HSTS must not be sent.
  expect(headers['strict-transport-security']).toBeUndefined();
}

describe.skipIf(!server)('every page under the Content-Security-Policy', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let calendarId: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const today = nowInTimeZone('Europe/London').slice(0, 10);
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
    ]);
    ({ calendarId } = await createProduction(url, alice, [{ account: bob, role: 'editor' }]));
    await seedEvents(url, calendarId, alice.token, [
      {
        title: 'Day 1 — Sc. 1',
        kind: 'shoot',
        start: `${today}T08:00`,
        end: `${today}T12:00`,
        location: 'Stage 4',
      },
      { title: 'Weather hold', kind: 'hold', start: today, end: tomorrow, allDay: true },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens sign-in and registration with no violation', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    expectSecured(await page.goto(`${url}/login`));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    expectSecured(await page.goto(`${url}/register`));
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await context.close();
  });

  it('opens the projects, a project, a calendar in each view and the event panel with no violation', async () => {
    const bobContext = await signedInContext(browser, url, bob, consoleErrors);
    const bobPage = await bobContext.newPage();
    await bobPage.goto(`${url}/calendars/${calendarId}`);
    await bobPage.getByText('All changes saved').waitFor();

    const context = await signedInContext(browser, url, alice, consoleErrors);
    const page = await context.newPage();
    expectSecured(await page.goto(`${url}/projects`));
    await page.getByRole('link', { name: 'The Long Night' }).click();
    await page.getByRole('heading', { name: 'The Long Night' }).waitFor();
    expectSecured(await page.reload());
    await page.getByRole('link', { name: 'Main unit' }).click();
    await page.getByText('All changes saved').waitFor();
    expectSecured(await page.reload());
    await page.getByText('All changes saved').waitFor();
    // Once the service worker serves navigations, a revalidated page must keep its policy.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expectSecured(await page.reload());
    await page.getByText('All changes saved').waitFor();
    // Bob's avatar takes its colour through a style directive.
    await page.getByTitle('Bob Baker').first().waitFor();

    const chip = page.locator('[data-event-id]', { hasText: 'Day 1 — Sc. 1' }).first();
    await chip.waitFor();
    await page.getByRole('tab', { name: 'Week' }).click();
    await chip.waitFor();
    await page.getByRole('tab', { name: 'Agenda' }).click();
    await chip.waitFor();
    await page.getByRole('tab', { name: 'Month' }).click();
    await chip.click();
    await page.getByLabel('Title').waitFor();
    await page.getByRole('button', { name: 'Close event panel' }).click();
    await bobContext.close();
    await context.close();
  });

  it('reports a style that loads an image from another origin, so the listener is live', async () => {
    // Chromium logs the refusal too; this test provokes it, so its console is kept apart.
    const provoked: string[] = [];
    const context = await signedInContext(browser, url, alice, provoked);
    const page: Page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.getByRole('link', { name: 'The Long Night' }).waitFor();
    await page.evaluate(() => {
      // What a forged presence colour such as `url(…)` would do through a style directive.
      const probe = document.createElement('span');
      probe.style.background = 'url(http://127.0.0.2:9/leak.png)';
      probe.textContent = 'probe';
      document.body.append(probe);
    });
    const seen: string[] = [];
    await eventually(async () => {
      seen.push(...takeCspViolations());
      return seen.length > 0;
    }, 'the img-src violation');
    expect(seen).toEqual([expect.stringContaining('img-src refused http://127.0.0.2:9/leak.png')]);
    expect(contentSecurityPolicyDirectives['img-src']).toEqual(['self']);
    await eventually(async () => provoked.length > 0, 'Chromium to log the refusal');
    expect(provoked).toEqual([expect.stringContaining('leak.png')]);
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
