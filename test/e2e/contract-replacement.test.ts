import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tab } from '../support/browser.ts';
import type { TestEdge } from '../support/landscape-edge.ts';
import { runningContract } from '../services/milk-factory/lifecycle/lifecycle-helpers.ts';
import { closeMilkFactoryPages, logInToMilkFactory, openMilkFactoryPages } from './milk-factory-pages.ts';

// A sales rep replaces a running contract on its page in a real Chromium; the holder watches
// the old contract's page, which turns TERMINATED live when the replacement is approved.
let edge: TestEdge;
let browser: Browser;
let rep: Tab;
let customer: Tab;

const logIn = logInToMilkFactory;

async function openContract(tab: Tab, id: string): Promise<void> {
  await tab.page.evaluate((hash) => { location.hash = hash; }, `#contract/${id}`);
}

beforeAll(async () => {
  ({ edge, browser, rep, customer } = await openMilkFactoryPages('mf-e2e-replace', { timeScale: 0.05 }));
});

afterAll(() => closeMilkFactoryPages({ edge, browser, rep, customer }));

describe('replacing a contract on its page', () => {
  it('a sales rep replaces a running contract: the new one RUNNING once accepted, the old one TERMINATED the day before, live on the holder\'s page', async () => {
    const oldId = await runningContract(edge, { start: '2023-01-01', quantity: 5 });
    await logIn(customer, '180000032');
    await openContract(customer, oldId);
    const watched = customer.page.locator('mf-contract');
    await watched.locator('.contract-state[data-state=RUNNING]').waitFor({ timeout: 15_000 });

    await logIn(rep, 'john.smith');
    await openContract(rep, oldId);
    const page = rep.page.locator('mf-contract');
    await page.locator('.contract-state[data-state=RUNNING]').waitFor({ timeout: 15_000 });
    await page.locator('mf-contract-lifecycle input[name=start]').fill('2023-07-01');
    await page.locator('mf-contract-lifecycle').getByRole('button', { name: 'Replace' }).click();

    // The replacement opens as a draft naming the contract it replaces, with its tree (QUANTITY 5: CHF 24.33).
    await page.locator('.contract-state[data-state=DRAFT]').waitFor({ timeout: 15_000 });
    const newId = (await rep.page.evaluate(() => location.hash)).replace('#contract/', '');
    expect(newId).not.toBe(oldId);
    await page.locator('mf-contract-lifecycle .replaces').getByRole('link', { name: oldId }).waitFor();
    await page.getByText('CHF 24.33').first().waitFor({ timeout: 15_000 });
    await page.getByRole('cell', { name: 'SALES_REP' }).waitFor({ timeout: 15_000 });
    // The holder's page of the old contract shows the replacement in progress, still RUNNING.
    await watched.locator('mf-contract-lifecycle .replacement').getByRole('link', { name: newId }).waitFor({ timeout: 15_000 });
    expect(await watched.locator('.contract-state').getAttribute('data-state')).toBe('RUNNING');

    await page.locator('mf-contract-lifecycle').getByRole('button', { name: 'Offer' }).click();
    await page.locator('.contract-state[data-state=OFFERED]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Accept' }).click();
    // 24.33 is under the approval threshold: approved at once, and the old contract is terminated.
    await page.locator('.contract-state[data-state=RUNNING]').waitFor({ timeout: 15_000 });
    await watched.locator('.contract-state[data-state=TERMINATED]').waitFor({ timeout: 15_000 });
    expect(await watched.locator('p', { hasText: 'State' }).textContent()).toContain('2023-01-01 – 2023-06-30');
    await watched.locator('mf-contract-lifecycle .replacement', { hasText: 'Replaced by' }).waitFor();
    // No more Terminate or Replace on a terminated contract.
    expect(await watched.locator('mf-contract-lifecycle form').count()).toBe(0);

    // The rep follows the link back to the old contract: TERMINATED there too.
    await page.locator('mf-contract-lifecycle .replaces').getByRole('link', { name: oldId }).click();
    await page.locator('.contract-state[data-state=TERMINATED]').waitFor({ timeout: 15_000 });
    expect(rep.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  });
});
