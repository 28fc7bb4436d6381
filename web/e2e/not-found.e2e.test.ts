import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { launchChromium, signedInContext } from './support/browser.js';

const server = await startAppServer();

describe.skipIf(!server)('links without access, malformed links and signed-out links', () => {
  let browser: Browser;
  let owner: Account;
  let outsider: Account;
  let production: { projectId: string; calendarId: string };
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';

  beforeAll(async () => {
    browser = await launchChromium();
    [owner, outsider] = await Promise.all([
      createAccount(url, 'Olive Owner'),
      createAccount(url, 'Otto Outsider'),
    ]);
    production = await createProduction(url, owner, []);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectNotFoundPage(page: Page, path: string) {
    const response = await page.goto(`${url}${path}`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: "Not found, or you don't have access" }).waitFor();
    await page.getByText("Ask the project's owner to add you.").waitFor();
    await expect(page.getByText('500').count()).resolves.toBe(0);
  }

  it('shows the not-found page with status 404 for a calendar, its board and a project without access', async () => {
    const context = await signedInContext(browser, url, outsider, consoleErrors);
    const page = await context.newPage();
    await expectNotFoundPage(page, `/calendars/${production.calendarId}`);
    await expectNotFoundPage(page, `/calendars/${production.calendarId}/board`);
    await expectNotFoundPage(page, `/projects/${production.projectId}`);
    await page.getByRole('link', { name: 'Back to your projects' }).click();
    await page.waitForURL(`${url}/projects`);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await context.close();
  });

  it('shows the not-found page with status 404 for malformed ids', async () => {
    const context = await signedInContext(browser, url, owner, consoleErrors);
    const page = await context.newPage();
    await expectNotFoundPage(page, '/calendars/not-a-calendar');
    await expectNotFoundPage(page, "/projects/1'%20or%201=1");
    await context.close();
  });

  it('shows the not-found page to a removed member who reloads', async () => {
    const member = await createAccount(url, 'Remy Removed');
    const { projectId, calendarId } = await createProduction(url, owner, [
      { account: member, role: 'editor' },
    ]);
    const context = await signedInContext(browser, url, member, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}`);
    await page.getByText('All changes saved').waitFor();
    const removed = await fetch(`${url}/api/projects/${projectId}/members/${member.id}`, {
      method: 'DELETE',
      headers: { origin: url, cookie: `session=${owner.token}` },
    });
    expect(removed.status).toBe(204);
    const response = await page.reload();
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: "Not found, or you don't have access" }).waitFor();
    await context.close();
  });

  it('sends a signed-out visitor of a calendar link to sign in and then to that calendar', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${production.calendarId}`);
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/calendars/${production.calendarId}`);
    await page.getByRole('heading', { name: 'Main unit' }).waitFor();
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
