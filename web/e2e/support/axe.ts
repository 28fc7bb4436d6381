import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<AxeResults> };
  }
}

/**
 * Every axe violation on the page as it stands, one line each (rule, impact, elements).
 * The source goes in through `page.evaluate`, which the DevTools protocol runs outside the
 * page's CSP, so the strict policy stays on for the page and no script tag is needed.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await axeSource;
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(source);
  const results = await page.evaluate(() =>
    window.axe!.run(document, { resultTypes: ['violations'] }),
  );
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map(
          (node) =>
            `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`,
        )
        .join('; ')}`,
  );
}
