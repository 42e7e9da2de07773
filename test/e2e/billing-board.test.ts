import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../services/milk-factory/mod.ts';
import { testDatabase } from '../support/actor-system.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { seedContracts } from '../services/milk-factory/billing/billing-helpers.ts';

// The billing board in a real Chromium against a running edge; the tests run in order.
// TIME_SCALE 0.2: a step's 30 s are 6 s, so a busy machine does not time steps out.
let edge: TestEdge;
let browser: Browser;
let admin: Tab;
const sql = testDatabase();

beforeAll(async () => {
  [edge, browser] = await Promise.all([TestEdge.start('mf-billing-e2e', [milkfactoryLandscape], { timeScale: 0.2, allowForcedErrors: true }), openBrowser()]);
  admin = await newTab(browser, edge);
  await seedContracts(sql, edge.namespace, [
    ...['e2e-a1', 'e2e-a2'].map((id) => ({ id, start: '2023-03-01', end: '2023-03-02' })),
    ...['e2e-b1', 'e2e-b2', 'e2e-b3'].map((id) => ({ id, start: '2023-04-01', end: '2023-04-02' })),
  ]);
});

afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await sql.end();
  await edge?.cleanup();
});

const board = () => admin.page.locator('milk-factory-app billing-board');
const job = (n: number) => board().locator('article.job').nth(n);

async function billNow(date: string, forceError = ''): Promise<void> {
  await board().locator('input[name=date]').fill(date);
  await board().locator('input[name=maxGroupSize]').fill('10');
  await board().locator('select[name=forceError]').selectOption(forceError);
  await board().getByRole('button', { name: 'Bill now' }).click();
}

describe('the billing board', () => {
  it('an admin bills now and watches the job complete live', async () => {
    await admin.goto('/milk-factory');
    const form = admin.page.locator('milk-factory-app login-form');
    await form.locator('input[name=username]').fill('admin');
    await form.locator('input[name=password]').fill('asdf');
    await form.locator('button[type=submit]').click();
    await admin.page.locator('milk-factory-app nav').getByText('Billing').waitFor();
    await board().getByText('No billing job yet.').waitFor();

    await billNow('2023-03-02');
    await job(0).locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
    // The bar follows the groups' events; the job's own state and counters arrive with its BillingJobChanged, just after.
    await expect.poll(() => job(0).getAttribute('data-state'), { timeout: 15_000 }).toBe('COMPLETED');
    expect(await job(0).locator('.bills').textContent()).toBe('4 bills');
    expect(await job(0).locator('.contracts').textContent()).toBe('2 contracts');
    expect(admin.errors).toEqual([]);
  });

  it('shows a forced failure in red with its step and reason; Retry completes it', async () => {
    await billNow('2023-04-02', 'business@milk-factory.pricing');
    const failed = job(0).locator('table.failed-groups tr.failed-group');
    await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(3);
    expect(await job(0).getAttribute('data-state')).toBe('RUNNING');
    expect(await failed.first().locator('.step').textContent()).toBe('READ_PRICE');
    expect(await failed.first().locator('.reason').textContent()).toBe('forced business error in milk-factory.pricing');
    expect(await failed.first().locator('td').first().evaluate((td) => getComputedStyle(td).color)).toBe('rgb(176, 0, 32)');
    await job(0).locator('.failed-count', { hasText: '3 failed' }).waitFor();
    // The split group is listed with its children, greyed out.
    await job(0).locator('details summary').click();
    expect(await job(0).locator('tr.split-group').count()).toBe(1);

    await board().locator('select[name=forceError]').selectOption('');
    for (let left = 3; left > 0; left--) {
      await failed.first().getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(left - 1);
    }
    await job(0).locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 15_000 });
    // The bar follows the groups' events; the job's own state and counters arrive with its BillingJobChanged, just after.
    await expect.poll(() => job(0).getAttribute('data-state'), { timeout: 15_000 }).toBe('COMPLETED');
    expect(await job(0).locator('.bills').textContent()).toBe('6 bills');
    expect(await job(0).locator('.failed-count').textContent()).toBe('0 failed');
    expect(admin.errors).toEqual([]);
  });

  it('shows the job\'s machine in the operations page\'s state-machine view', async () => {
    const jobId = await job(0).getAttribute('data-job-id');
    const ops = await newTab(browser, edge);
    try {
      await ops.goto(`/operations?machine=billing-job&instance=${jobId}&landscape=milk-factory`);
      await ops.page.locator('login-form input[name=username]').fill('admin');
      await ops.page.locator('login-form input[name=password]').fill('asdf');
      await ops.page.locator('login-form button[type=submit]').click();
      const view = ops.page.locator('state-machine-view');
      await view.locator('g.state[data-key="COMPLETED"][data-active="true"]').waitFor({ timeout: 10_000 });
      for (const key of ['idle', 'RUNNING']) expect(await view.locator(`g.state[data-key="${key}"]`).count()).toBe(1);
      expect(ops.errors).toEqual([]);
    } finally {
      await ops.close();
    }
  });

  it('is embedded in the portal like the other apps', async () => {
    await admin.goto('/');
    await admin.page.click('details[data-bundle=milk-factory] > summary');
    const embedded = admin.page.locator('details[data-bundle=milk-factory] milk-factory-app');
    await embedded.locator('nav').getByText('Billing').click();
    await embedded.locator('billing-board article.job[data-state=COMPLETED]').first().waitFor({ timeout: 10_000 });
    expect(await embedded.locator('billing-board article.job').count()).toBe(2);
    expect(admin.errors).toEqual([]);
  });
});
