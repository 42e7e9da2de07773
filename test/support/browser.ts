import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium; .ci/run installs it when missing). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests. No sandbox: CI runs as root in a container, where
 * Chromium's sandbox cannot start; the pages are our own.
 */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page whose console errors and uncaught exceptions are collected, so a test can assert none. */
export interface Tab {
  page: Page;
  /** `console.error` lines, uncaught page errors and failed requests, in order. */
  errors: string[];
  /** The absolute URL of a path on the edge. */
  url(path: string): string;
  /** Navigates to a path on the edge and waits for the page's load event. */
  goto(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Anything with a `url(path)` on a real port: a TestEdge, or the server of a gateway test. */
export interface Served {
  url(path: string): string;
}

/** A fresh tab (its own context: own sessionStorage, so its own session id) on `edge`. */
export async function newTab(browser: Browser, edge: Served): Promise<Tab> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    page,
    errors,
    url: (path) => edge.url(path),
    goto: async (path) => {
      await page.goto(edge.url(path), { waitUntil: 'load' });
    },
    close: () => context.close(),
  };
}
