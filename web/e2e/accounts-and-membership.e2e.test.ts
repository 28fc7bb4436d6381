import { initialiseMeta, metaMap } from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { eventually, launchChromium, PHONE, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';
import { fitsTheScreen, smallTargets } from './support/phone-checks.js';

const server = await startAppServer();

describe.skipIf(!server)('accounts, invites, members and time zones', () => {
  let browser: Browser;
  let owner: Account;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';

  beforeAll(async () => {
    browser = await launchChromium();
    owner = await createAccount(url, 'Olive Owner');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAs(
    account: Account | null,
    path: string,
    options: Parameters<typeof signedInContext>[4] = {},
  ): Promise<Page> {
    const context = await signedInContext(browser, url, account, consoleErrors, options);
    const page = await context.newPage();
    await page.goto(`${url}${path}`);
    return page;
  }

  it('invites a colleague without an account by link, once, into the chosen role', async () => {
    const { projectId } = await createProduction(url, owner, []);
    const ownerPage = await openAs(owner, `/projects/${projectId}`);
    const email = `new.colleague.${Date.now()}@example.test`;
    await ownerPage.getByLabel("Colleague's email").fill(email);
    await ownerPage.getByLabel('Role of the new member').selectOption('viewer');
    await ownerPage.getByRole('button', { name: 'Add member' }).click();
    await ownerPage.getByText(`No account uses ${email} yet.`).waitFor();
    await ownerPage.getByRole('button', { name: 'Create invite link' }).click();
    const link = await ownerPage.getByLabel('Invite link').inputValue();
    expect(link).toMatch(new RegExp(`^${url}/register#invite=[a-z2-7]{32}$`));
    await ownerPage.getByRole('heading', { name: 'Pending invites' }).waitFor();
    await ownerPage.getByRole('button', { name: `Revoke the invite for ${email}` }).waitFor();

    const invitee = await openAs(null, new URL(link).pathname + new URL(link).hash);
    await invitee.getByText('You are invited to join The Long Night as a viewer.').waitFor();
    await expect(invitee.getByLabel('Email').inputValue()).resolves.toBe(email);
    await invitee.getByLabel('Name').fill('Nia New');
    await invitee.getByLabel(/^Password/).fill('a long enough password');
    await invitee.getByRole('button', { name: 'Create account' }).click();
    await invitee.waitForURL(`${url}/projects/${projectId}`);
    await invitee.getByRole('heading', { name: 'The Long Night' }).waitFor();
    await invitee.getByText(email).waitFor();
    await expect(invitee.getByRole('button', { name: 'Create calendar' }).count()).resolves.toBe(0);

    const late = await openAs(null, new URL(link).pathname + new URL(link).hash);
    await late.getByText('This invite link has already been used.').waitFor();

    await ownerPage.reload();
    await expect(ownerPage.getByLabel('Role of Nia New').inputValue()).resolves.toBe('viewer');
    await expect(ownerPage.getByRole('heading', { name: 'Pending invites' }).count()).resolves.toBe(
      0,
    );
  });

  it('asks before removing a member, and removes them only when confirmed', async () => {
    const crew = await createAccount(url, 'Cam Crew');
    const { projectId } = await createProduction(url, owner, [{ account: crew, role: 'editor' }]);
    const page = await openAs(owner, `/projects/${projectId}`);
    await page.getByRole('button', { name: 'Remove Cam Crew' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Remove Cam Crew?').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText(crew.email).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Remove Cam Crew' }).click();
    await page.getByRole('button', { name: 'Remove member' }).click();
    await page.getByText(crew.email).waitFor({ state: 'detached' });
  });

  it('shows the real role again when a role change is refused', async () => {
    const { projectId } = await createProduction(url, owner, []);
    const page = await openAs(owner, `/projects/${projectId}`);
    const select = page.getByLabel('Role of Olive Owner');
    await select.selectOption('editor');
    await page.getByText('A project must keep at least one owner.').waitFor();
    await expect(select.inputValue()).resolves.toBe('owner');
  });

  it('changes the password: the new one signs in, the old one no longer does', async () => {
    const account = await createAccount(url, 'Pat Password');
    const page = await openAs(account, '/projects');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await page.getByLabel('Current password').fill(account.password);
    await page.getByLabel(/^New password \(/).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();

    await page.goto(`${url}/projects`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill('a brand new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/projects`);
  });

  it('refuses a mistyped repeat of the new password without asking the server', async () => {
    const account = await createAccount(url, 'Remi Repeat');
    const page = await openAs(account, '/account');
    await page.getByLabel('Current password').fill(account.password);
    await page.getByLabel(/^New password \(/).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new pasword');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords differ.').waitFor();
  });

  it('changes a calendar’s zone from a searchable picker with UTC, saying what happens to times', async () => {
    const { projectId, calendarId } = await createProduction(url, owner, []);
    const writer = await connectNodeClient(url, calendarId, owner.token);
    initialiseMeta(writer.doc, { name: 'Main unit', timezone: 'Europe/London' });

    const page = await openAs(owner, `/projects/${projectId}`);
    await page.getByRole('button', { name: 'Change the time zone of Main unit' }).click();
    const form = page.getByRole('form', { name: 'Time zone of Main unit' });
    await form.getByLabel('Find a zone').fill('new york');
    await form.getByLabel('Find a zone').press('Enter');
    await expect(form.getByLabel('New time zone').inputValue()).resolves.toBe('America/New_York');
    await form.getByLabel('Find a zone').fill('utc');
    await form.getByLabel('Find a zone').press('Enter');
    await expect(form.getByLabel('New time zone').inputValue()).resolves.toBe('UTC');
    await form
      .getByText('Event times stay as typed: a call at 08:00 stays 08:00, read in UTC.')
      .waitFor();
    await form.getByRole('button', { name: 'Change time zone' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Main unit' })
      .getByText('UTC', { exact: true })
      .waitFor();

    // The document's meta follows the API's zone for offline and outside readers.
    await eventually(async () => metaMap(writer.doc).get('timezone') === 'UTC', 'meta.timezone');
    writer.close();
    const calendar = await openAs(owner, `/calendars/${calendarId}`);
    await calendar.getByText('Times in UTC').waitFor();
  });

  it('counts viewers on the calendar and project pages without naming them', async () => {
    const viewer = await createAccount(url, 'Vic Viewer');
    const { projectId, calendarId } = await createProduction(url, owner, [
      { account: viewer, role: 'viewer' },
    ]);
    const ownerCalendar = await openAs(owner, `/calendars/${calendarId}`);
    const ownerProject = await openAs(owner, `/projects/${projectId}`);
    await expect(ownerCalendar.getByText(/\d viewers?/).count()).resolves.toBe(0);
    const viewerPage = await openAs(viewer, `/calendars/${calendarId}`);
    await viewerPage.getByText('View only').waitFor();
    await ownerCalendar.getByText('1 viewer', { exact: true }).waitFor();
    await ownerProject.getByText('1 viewer', { exact: true }).waitFor();
    await ownerProject
      .getByRole('list', { name: 'Here now' })
      .getByText('Olive Owner')
      .first()
      .waitFor();
    await expect(ownerCalendar.getByText('Vic Viewer').count()).resolves.toBe(0);
    await viewerPage.close();
    await ownerCalendar.getByText('1 viewer', { exact: true }).waitFor({ state: 'detached' });
  });

  it('invites, changes a zone and the password on a 375 px touch phone, with 44 px targets', async () => {
    const { projectId } = await createProduction(url, owner, []);
    const page = await openAs(owner, `/projects/${projectId}`, PHONE);
    await page.getByLabel("Colleague's email").fill(`phone.${Date.now()}@example.test`);
    await page.getByRole('button', { name: 'Add member' }).tap();
    await page.getByRole('button', { name: 'Create invite link' }).tap();
    await page.getByLabel('Invite link').waitFor();
    await page.getByRole('button', { name: 'Change the time zone of Main unit' }).tap();
    const form = page.getByRole('form', { name: 'Time zone of Main unit' });
    await form.getByLabel('Find a zone').fill('utc');
    await form.getByLabel('Find a zone').press('Enter');
    expect(await fitsTheScreen(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
    await form.getByRole('button', { name: 'Change time zone' }).tap();
    await form.waitFor({ state: 'detached' });

    const account = await createAccount(url, 'Phil Phone');
    const settings = await openAs(account, '/account', PHONE);
    await settings.getByLabel('Current password').fill(account.password);
    await settings.getByLabel(/^New password \(/).fill('a brand new password');
    await settings.getByLabel('New password again').fill('a brand new password');
    expect(await fitsTheScreen(settings)).toBe(true);
    expect(await smallTargets(settings)).toEqual([]);
    await settings.getByRole('button', { name: 'Change password' }).tap();
    await settings.getByText('Password changed.').waitFor();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
