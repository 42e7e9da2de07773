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
  gateway = createApp({ system: () => undefined, extraRoutes: [webRoutes({ landscapes: [], logger: createLogger({ level: 'silent' }), componentsDir: dir })] });
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
});
