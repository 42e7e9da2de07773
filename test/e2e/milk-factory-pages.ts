import type { Browser } from 'playwright-core';
import { milkfactoryLandscape } from '../../services/milk-factory/mod.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge, type TestEdgeOptions } from '../support/landscape-edge.ts';

/** The milk-factory landscape on a running edge, with Chromium and two tabs: a sales rep's and a customer's. */
export interface MilkFactoryPages {
  edge: TestEdge;
  browser: Browser;
  rep: Tab;
  customer: Tab;
}

export async function openMilkFactoryPages(label: string, options: TestEdgeOptions): Promise<MilkFactoryPages> {
  const edge = await TestEdge.start(label, [milkfactoryLandscape], options);
  const browser = await openBrowser();
  return { edge, browser, rep: await newTab(browser, edge), customer: await newTab(browser, edge) };
}

/** Closes what `openMilkFactoryPages` opened (whatever of it did open). */
export async function closeMilkFactoryPages(pages: Partial<MilkFactoryPages>): Promise<void> {
  await pages.rep?.close();
  await pages.customer?.close();
  await pages.browser?.close();
  await pages.edge?.cleanup();
}

/** Logs a tab in on the milk-factory app (password `asdf`) and waits for its pages. */
export async function logInToMilkFactory(tab: Tab, username: string): Promise<void> {
  await tab.goto('/milk-factory');
  const form = tab.page.locator('milk-factory-app login-form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill('asdf');
  await form.locator('button[type=submit]').click();
  await tab.page.locator('milk-factory-app nav').waitFor();
}
