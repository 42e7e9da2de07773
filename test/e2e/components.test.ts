import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../actors/mod.ts';
import { createApp, type Gateway } from '../../gateway/app.ts';
import { componentEntries } from '../../gateway/web/component-entries.ts';
import { webRoutes } from '../../gateway/web/index.ts';
import { serve, type RunningServer } from '../../gateway/serve.ts';
import { newTab, openBrowser } from '../support/browser.ts';

const dir = fileURLToPath(new URL('../../web-components/', import.meta.url));
const entries = componentEntries(dir).map((entry) => entry.name);
/** What each bundle promises to define: the operations components, else `<name>-app` (common brief). */
const elements = (name: string) => (name === 'operations'
  ? ['actor-board', 'dead-letter-office', 'flow-graph', 'state-machine-view', 'login-form']
  : [`${name}-app`]);

let gateway: Gateway;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // Only the pages and bundles: loading a bundle defines its elements without calling any API.
  const landscapes = entries.filter((name) => name !== 'operations');
  gateway = createApp({ system: () => undefined, extraRoutes: [webRoutes({ landscapes, logger: createLogger({ level: 'silent' }), componentsDir: dir })] });
  [server, browser] = await Promise.all([serve(gateway.app, 0), openBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gateway?.close();
});

describe('the repository\'s component bundles in a browser', () => {
  it.each(entries)('%s loads without errors and defines its elements', async (name) => {
    const tab = await newTab(browser, { url: (path) => `http://127.0.0.1:${server.port}${path}` });
    try {
      await tab.goto('/');
      await tab.page.addScriptTag({ url: `/components/${name}.js`, type: 'module' });
      const defined = await tab.page.evaluate(async (tags) => {
        await Promise.race([Promise.all(tags.map((tag) => customElements.whenDefined(tag))), new Promise((resolve) => setTimeout(resolve, 5_000))]);
        return tags.filter((tag) => customElements.get(tag) !== undefined);
      }, elements(name));
      expect(defined).toEqual(elements(name));
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('all load side by side when the portal embeds them: every panel opened on one page', async () => {
    const tab = await newTab(browser, { url: (path) => `http://127.0.0.1:${server.port}${path}` });
    try {
      await tab.goto('/');
      const embedded = await tab.page.locator('details[data-bundle]').evaluateAll((panels) => panels.map((p) => (p as HTMLElement).dataset.element!));
      expect(embedded.sort()).toEqual(entries.map((name) => `${name}-app`).sort());
      for (const summary of await tab.page.locator('details[data-bundle] > summary').all()) await summary.click();
      for (const element of embedded) await tab.page.locator(`details ${element}`).waitFor({ state: 'attached' });
      const undefinedElements = await tab.page.evaluate((tags) => tags.filter((tag) => customElements.get(tag) === undefined), embedded);
      expect(undefinedElements).toEqual([]);
      // No system runs behind this edge, so the apps' API calls fail (console lines); nothing may throw.
      expect(tab.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
