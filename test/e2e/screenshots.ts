/**
 * `npm run screenshots`: every landscape of services/mod.ts behind a TestEdge (its own
 * namespace, removed afterwards), Debian's chromium, and a picture of the portal in
 * docs/screenshots/. Run it after a UI change and commit the pictures the README shows.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { landscapes } from '../../services/mod.ts';
import { newTab, openBrowser } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });

const edge = await TestEdge.start('screenshots', landscapes);
const browser = await openBrowser();
try {
  const tab = await newTab(browser, edge);
  await tab.page.setViewportSize({ width: 1200, height: 760 });
  await tab.goto('/');
  // One panel open, to show a landscape's UI embedded in the portal.
  await tab.page.click('details[data-bundle=vouchers] > summary');
  await tab.page.locator('details vouchers-app').waitFor({ state: 'attached' });
  await tab.page.waitForTimeout(1_500);
  await tab.page.screenshot({ path: `${out}portal.png`, fullPage: true });
  if (tab.errors.length > 0) throw new Error(`the portal logged errors:\n${tab.errors.join('\n')}`);
  console.log(`wrote ${out}portal.png`);
} finally {
  await browser.close();
  await edge.cleanup();
}
