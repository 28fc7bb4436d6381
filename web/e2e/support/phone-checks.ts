import type { Page } from 'playwright-core';

/** Controls a finger must hit (in the page or a dialog) smaller than 44 × 44 px, by name. */
export const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        ['button', 'input', 'select', 'textarea', '[role="tab"]', '[role="gridcell"]']
          .flatMap((control) => [`main ${control}`, `[role="dialog"] ${control}`])
          .concat('header a', 'nav[aria-label="Breadcrumb"] a')
          .join(', '),
      ),
    ]
      .filter((element) => element.getClientRects().length > 0)
      // A checkbox is hit through its label.
      .map((element) =>
        element.matches('input[type="checkbox"]') ? element.closest('label')! : element,
      )
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width < 44 || box.height < 44;
      })
      .map((element) => element.getAttribute('aria-label') ?? element.textContent?.trim()),
  );

/** Whether the page fits a 375 px screen without scrolling sideways. */
export const fitsTheScreen = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= 375);
