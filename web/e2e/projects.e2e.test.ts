import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { launchChromium, signedInContext } from './support/browser.js';

const server = await startAppServer();

describe.skipIf(!server)('projects, members and calendars', () => {
  let browser: Browser;
  let owner: Account;
  let crew: Account;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';

  beforeAll(async () => {
    browser = await launchChromium();
    [owner, crew] = await Promise.all([
      createAccount(url, 'Olive Owner'),
      createAccount(url, 'Cam Crew'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a project, adds a member, creates, renames and deletes a calendar with confirmation', async () => {
    const context = await signedInContext(browser, url, owner, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.getByText('No projects yet.').waitFor();
    await page.getByLabel('New project name').fill('Harbour Lights');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Harbour Lights' }).waitFor();

    await page.getByLabel("Colleague's email").fill(crew.email);
    await page.getByLabel('Role of the new member').selectOption('viewer');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText(crew.email).waitFor();
    await page.getByLabel('Role of Cam Crew').selectOption('editor');
    await page.waitForResponse(
      (r) => r.url().includes('/members/') && r.request().method() === 'PATCH',
    );
    await expect(page.getByLabel('Role of Cam Crew').inputValue()).resolves.toBe('editor');

    await page.getByLabel('Calendar name').fill('Main unit');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByRole('button', { name: 'Create calendar' }).click();
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Main unit' })
      .getByText('America/New_York')
      .waitFor();

    await page.getByRole('button', { name: 'Rename Main unit' }).click();
    await page.getByLabel('New name').fill('Second unit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Second unit' }).waitFor();

    await page.getByRole('button', { name: 'Delete Second unit' }).click();
    await page.getByRole('alertdialog').getByText('Delete calendar?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('link', { name: 'Second unit' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Delete Second unit' }).click();
    await page.getByRole('button', { name: 'Delete calendar' }).click();
    await page.getByText('No calendars yet.').waitFor();
    await context.close();
  });

  it('shows a member the project read-only when they are a viewer', async () => {
    const context = await signedInContext(browser, url, crew, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.getByRole('link', { name: 'Harbour Lights' }).click();
    await page.getByRole('heading', { name: 'Harbour Lights' }).waitFor();
    await expect(page.getByRole('button', { name: 'Add member' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
