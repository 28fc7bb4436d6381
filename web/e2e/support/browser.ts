import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Account } from './accounts.js';

/** Content-Security-Policy violations reported by any page since the last test ended. */
const cspViolations: string[] = [];

/** Hands over the violations seen so far, for a test that provokes one on purpose. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

declare global {
  interface Window {
    reportCspViolation?: (violation: string) => Promise<void>;
  }
}

/** Debian's Chromium; the test never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone: 375 px wide, touch and mobile emulation. */
export const PHONE = {
  viewport: { width: 375, height: 812 },
  hasTouch: true,
  isMobile: true,
} as const;

/**
 * A browser context signed in as `account`. Every console error or uncaught exception of
 * its pages is collected: the suite fails on any. A CSP violation fails the test it happens in.
 */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  account: Account | null,
  consoleErrors: string[],
  options: {
    viewport?: { width: number; height: number };
    hasTouch?: boolean;
    isMobile?: boolean;
  } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...options,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  if (account) {
    await context.addCookies([
      { name: 'session', value: account.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  context.on('page', (page) => watchConsole(page, consoleErrors));
  await context.exposeBinding('reportCspViolation', ({ page }, violation: string) => {
    cspViolations.push(`${page.url()}: ${violation}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const blocked = event.blockedURI || 'inline';
      void window.reportCspViolation?.(
        `${event.effectiveDirective} refused ${blocked} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return context;
}

export function watchConsole(page: Page, consoleErrors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every 4xx answer, including the 401 of a wrong password that the page
    // shows inline; those are answers, not errors of the app.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
      return;
    consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
}

/** Polls a condition in the page's world until it holds or the deadline passes. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
