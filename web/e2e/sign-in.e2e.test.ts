import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { launchChromium, signedInContext } from './support/browser.js';

const server = await startAppServer();

describe.skipIf(!server)('signing in, registering and out', () => {
  let browser: Browser;
  let existing: Account;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';

  beforeAll(async () => {
    browser = await launchChromium();
    existing = await createAccount(url, 'Dana Dunn');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a signed-out visitor to sign in and back to the page they asked for', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.waitForURL(/\/login\?redirectTo=%2Fprojects/);
    await page.getByLabel('Email').fill(existing.email);
    await page.getByLabel('Password').fill(existing.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/projects`);
    await page.getByText('Signed in as Dana Dunn').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${url}/projects`);
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('explains a duplicate email and a short password inline when registering', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/register`);
    await page.getByLabel('Name').fill('Dana Again');
    await page.getByLabel('Email').fill(existing.email);
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Choose a password of at least 8 characters.').waitFor();
    await page.getByLabel(/^Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('An account with this email already exists.').waitFor();
    await context.close();
  });

  it('shows the wait time when sign-in is throttled', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').fill(existing.email);
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('Password').fill(`wrong password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await page.getByText(/Too many attempts\. Try again in \d+ (seconds|minutes)\./).waitFor();
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
