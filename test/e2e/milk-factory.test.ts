import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTab, type Tab } from '../support/browser.ts';
import type { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';
import { closeMilkFactoryPages, logInToMilkFactory, openMilkFactoryPages } from './milk-factory-pages.ts';

// The milk-factory pages in a real Chromium against a running edge; the tests run in order.
// MF_SCREENSHOTS=1 also writes the pictures the landscape's README shows (docs/screenshots/).
let edge: TestEdge;
let browser: Browser;
let rep: Tab;
let customer: Tab;
let contractId: string;
const shots = process.env.MF_SCREENSHOTS ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : undefined;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.screenshot({ path: `${shots}milk-factory-${name}.png`, fullPage: true });
}

const logIn = logInToMilkFactory;

async function newDraftFor(page: Page, partnerQuery: string): Promise<void> {
  const sales = page.locator('mf-sales');
  await sales.locator('mf-partner-picker input[name=q]').fill(partnerQuery);
  await sales.locator('mf-partner-picker').getByRole('button', { name: 'Search partners' }).click();
  await sales.locator('mf-partner-picker tr[data-partner-id="180000032"]').getByRole('button', { name: 'Select' }).click();
  await sales.getByRole('button', { name: 'Create draft' }).click();
  await sales.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  ({ edge, browser, rep, customer } = await openMilkFactoryPages('mf-e2e', { timeScale: 0.05, allowForcedErrors: true }));
});

afterAll(() => closeMilkFactoryPages({ edge, browser, rep, customer }));

describe('the milk-factory pages', () => {
  it('a sales rep builds, prices and offers a draft on the sales page', async () => {
    await logIn(rep, 'john.smith');
    await newDraftFor(rep.page, 'augustus');
    const sales = rep.page.locator('mf-sales');
    expect(await sales.locator('.root-total').textContent()).toBe('CHF 46.06');
    expect(await sales.locator('li[data-path="CardboardBox1"] .tag').first().textContent()).toContain('CM_Q_GE_10');

    await sales.locator('li[data-path="CardboardBox1->Drink1->Milk1"] select[name=FAT_CONTENT]').selectOption('3.5');
    await sales.locator('.root-total').getByText('CHF 47.80').waitFor({ timeout: 15_000 });
    await sales.locator('li[data-path="CardboardBox1->Drink1->Cookies1->Sugar1"]').getByRole('button', { name: '+ Sugar' }).click();
    await sales.locator('li[data-path="CardboardBox1->Drink1->Cookies1->Sugar2"]').waitFor({ timeout: 15_000 });
    await sales.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
    await screenshot(rep.page, 'sales');
    await sales.getByRole('button', { name: 'Offer' }).click();
    await sales.locator('[data-state=OFFERED]').waitFor();
    contractId = (await sales.locator('.contract-id').textContent())!.trim();
    expect(rep.errors).toEqual([]);
  });

  it('the customer accepts the offer in the portal', async () => {
    await logIn(customer, '180000032');
    const row = customer.page.locator(`mf-portal tr[data-contract-id="${contractId}"]`);
    await row.getByText('OFFERED').waitFor({ timeout: 15_000 });
    await screenshot(customer.page, 'portal');
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.getByText('AWAITING_APPROVAL').waitFor({ timeout: 15_000 });
    expect(customer.errors).toEqual([]);
  });

  it('the rep approves the task and the contract page shows RUNNING', async () => {
    await rep.page.evaluate(() => { location.hash = '#tasks'; });
    const task = rep.page.locator(`mf-tasks tr[data-contract-id="${contractId}"]`);
    await task.waitFor({ timeout: 15_000 });
    await task.getByRole('button', { name: 'Approve' }).click();
    const contract = rep.page.locator('mf-contract');
    await contract.locator('.contract-state[data-state=RUNNING]').waitFor({ timeout: 15_000 });
    await contract.locator('tr.task').getByText('DONE').waitFor({ timeout: 15_000 });
    // The approval bills the start day (billing): the page shows the bill as it arrives.
    await contract.locator('tr.bill').first().waitFor({ timeout: 15_000 });
    expect(await contract.locator('tr.bill').count()).toBe(1);
    expect(await contract.locator('tr.bill .money').textContent()).toMatch(/^CHF \d+\.\d\d$/);
    await screenshot(rep.page, 'contract');
    await contract.getByRole('link', { name: '180000032' }).click();
    const partner = rep.page.locator('mf-partner');
    await partner.getByText('Augustus Caesar').waitFor();
    await partner.getByRole('link', { name: contractId }).waitFor();
    await rep.page.evaluate(() => { location.hash = '#organisation'; });
    const organisation = rep.page.locator('mf-organisation');
    await organisation.getByRole('cell', { name: 'APPROVE', exact: true }).waitFor();
    expect(await organisation.locator('tr', { hasText: 'Bern' }).textContent()).toContain('jane.smith');
    await customer.page.locator(`mf-portal tr[data-contract-id="${contractId}"]`).getByText('RUNNING').waitFor({ timeout: 15_000 });
  });

  it('a customer builds, offers and accepts their own milkshake contract in the portal', async () => {
    const portal = customer.page.locator('mf-portal');
    const sales = portal.locator('mf-sales');
    await sales.getByRole('button', { name: 'Create draft' }).click();
    await sales.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
    await sales.locator('li[data-path="CardboardBox1"] select[name=QUANTITY]').selectOption('5');
    await sales.locator('.root-total').getByText('CHF 24.33').waitFor({ timeout: 15_000 });
    await sales.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
    await sales.getByRole('button', { name: 'Offer' }).click();
    await sales.locator('[data-state=OFFERED]').waitFor();
    const own = (await sales.locator('.contract-id').textContent())!.trim();
    const row = portal.locator(`tr[data-contract-id="${own}"]`);
    await row.getByRole('button', { name: 'Accept' }).click();
    // 24.33 is under the approval threshold: approved at once.
    await row.getByText('RUNNING').waitFor({ timeout: 15_000 });
    expect(customer.errors).toEqual([]);
  });

  it('a forced business error in pricing rolls the sales page back and shows the error', async () => {
    await rep.page.evaluate(() => { location.hash = '#sales'; });
    await newDraftFor(rep.page, 'caesar');
    const sales = rep.page.locator('mf-sales');
    await sales.locator('select[name=forceError]').selectOption('business@milk-factory.pricing');
    await sales.locator('li[data-path="CardboardBox1"] select[name=QUANTITY]').selectOption('5');
    await sales.getByRole('alert').getByText('forced business error in milk-factory.pricing').waitFor({ timeout: 15_000 });
    expect(await sales.locator('[data-machine]').getAttribute('data-machine')).toBe('failed');
    expect(await sales.locator('li[data-path="CardboardBox1"] select[name=QUANTITY]').inputValue()).toBe('10');
    expect(await sales.locator('.root-total').textContent()).toBe('CHF 46.06');
    expect(await sales.getByRole('button', { name: 'Offer' }).isDisabled()).toBe(true);

    // Resync (without the forced error) brings the server's model back: QUANTITY 5 at 24.33.
    await sales.locator('select[name=forceError]').selectOption('');
    await sales.getByRole('button', { name: 'Resync' }).click();
    await sales.locator('.root-total').getByText('CHF 24.33').waitFor({ timeout: 15_000 });
    expect(await sales.getByRole('button', { name: 'Offer' }).isDisabled()).toBe(false);
  });

  it('streams a customer only their own contracts\' events: another customer\'s offer reaches their page, not Tiberius\'s', async () => {
    const tiberius = await newTab(browser, edge);
    try {
      // Logged out: the portal opens no stream at all.
      await tiberius.goto('/milk-factory');
      const streams: string[] = [];
      tiberius.page.on('request', (request) => { if (request.url().includes('/api/milk-factory/stream')) streams.push(request.url()); });
      await tiberius.page.waitForTimeout(300);
      expect(streams).toEqual([]);

      await logIn(tiberius, '180000033');
      const portal = tiberius.page.locator('mf-portal');
      await eventually(() => streams.length > 0, 10_000, 'the portal\'s stream once logged in');
      await tiberius.page.waitForTimeout(500); // the first load is done
      const reloads: string[] = [];
      tiberius.page.on('request', (request) => { if (/\/api\/milk-factory\/contracts$/.test(request.url())) reloads.push(request.url()); });
      const augustusReloads: string[] = [];
      customer.page.on('request', (request) => { if (/\/api\/milk-factory\/contracts$/.test(request.url())) augustusReloads.push(request.url()); });

      // An offer to Augustus: his portal hears of it; Tiberius's hears nothing.
      const forAugustus = await offeredDraft('180000032');
      await customer.page.locator(`mf-portal tr[data-contract-id="${forAugustus}"]`).getByText('OFFERED').waitFor({ timeout: 15_000 });
      expect(augustusReloads.length).toBeGreaterThan(0);
      await tiberius.page.waitForTimeout(1_000); // a reload the stream caused would follow at once, and again after 500 ms
      expect(reloads).toEqual([]);
      // An offer to Tiberius then arrives live on his page, and only it made him reload.
      const forTiberius = await offeredDraft('180000033');
      await portal.locator(`tr[data-contract-id="${forTiberius}"]`).getByText('OFFERED').waitFor({ timeout: 15_000 });
      expect(await portal.locator(`tr[data-contract-id="${forAugustus}"]`).count()).toBe(0);
      expect(reloads.length).toBeGreaterThan(0);
      expect(tiberius.errors).toEqual([]);
    } finally {
      await tiberius.close();
    }
  });
});

/** A milkshake drafted by john.smith for `holder`, priced, then offered (REST, as another tab would). */
async function offeredDraft(holder: string): Promise<string> {
  const draft = await edge.expect(201, 'POST', '/api/milk-factory/drafts', { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: holder } });
  const id = draft.contract.id as string;
  for (let tries = 0; ; tries += 1) {
    const offered = await edge.call('POST', `/api/milk-factory/drafts/${id}/offer`, { as: 'john.smith' });
    if (offered.status === 200) return id;
    if (tries > 100) throw new Error(`the draft was never offerable: ${JSON.stringify(offered.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

