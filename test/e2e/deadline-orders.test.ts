import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineordersLandscape } from '../../services/deadline-orders/mod.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';

// The deadline-orders page in a real Chromium against a running edge; the tests run in order.
let edge: TestEdge;
let browser: Browser;
let tab: Tab;

beforeAll(async () => {
  edge = await TestEdge.start('do-e2e', [deadlineordersLandscape], { timeScale: 0.5 });
  browser = await openBrowser();
  tab = await newTab(browser, edge);
  // The holder exists before the page asks for its points (an unknown holder's 404 shows as a console error).
  await edge.expect(200, 'PUT', '/api/deadline-orders/points/jjy', { as: 'admin', body: { point: 0 } });
  await tab.goto('/deadline-orders');
});

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await edge?.cleanup();
});

/** Places an order through the form and answers its id. */
async function place(amount: number, currencyId = 1): Promise<string> {
  const form = tab.page.locator('deadline-order-form');
  await form.locator('input[name=amount]').fill(String(amount));
  await form.locator('select[name=currencyId]').selectOption(String(currencyId));
  const status = form.locator('[role=status]');
  const before = (await status.count()) > 0 ? await status.textContent() : null;
  await form.getByRole('button', { name: 'Place order' }).click();
  // Every order placed shows its own id: wait for this one's.
  await expect.poll(async () => ((await status.count()) > 0 ? await status.textContent() : null)).not.toBe(before);
  const orderId = (await status.textContent())!.replace('Placed order', '').trim();
  await tab.page.locator(`deadline-orders-table tr[data-order-id="${orderId}"]`).waitFor();
  return orderId;
}

describe('the deadline-orders page', () => {
  it('lets an admin set the holder\'s points', async () => {
    const { page } = tab;
    await page.locator('deadline-orders-app p.live').getByText('Log in to follow live updates').waitFor();
    const holder = page.locator('deadline-holder-points');
    await holder.getByText('Log in as admin to set points.').waitFor();
    await holder.locator('login-form input[name=username]').fill('admin');
    await holder.locator('login-form input[name=password]').fill('asdf');
    await holder.locator('login-form button[type=submit]').click();
    await page.locator('deadline-orders-app p.live').getByText('Live', { exact: true }).waitFor();
    await holder.locator('input[name=point]').fill('1000');
    await holder.getByRole('button', { name: 'Set points' }).click();
    await holder.locator('[data-points]').getByText('1000', { exact: true }).waitFor();
    expect(await edge.expect(200, 'GET', '/api/deadline-orders/points/jjy')).toEqual({ userId: 'jjy', point: 1000 });
  });

  it('shows an order becoming approved live, the points going down, and the order\'s event timeline', async () => {
    const { page } = tab;
    const orderId = await place(400);
    const row = page.locator(`deadline-orders-table tr[data-order-id="${orderId}"]`);
    await row.locator('[data-status=APPROVED]').waitFor({ timeout: 15_000 });
    await page.locator('deadline-holder-points [data-points]').getByText('600', { exact: true }).waitFor();
    const timeline = page.locator('deadline-order-timeline');
    await timeline.locator('li[data-type=OrderPlaced]').waitFor();
    expect(await timeline.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type'))))
      .toEqual(['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
  });

  it('shows an order beyond the points rejected for the point limit, with its compensation in the timeline', async () => {
    const { page } = tab;
    const orderId = await place(5_000);
    await page.locator(`deadline-orders-table tr[data-order-id="${orderId}"] [data-status=REJECTED_DUE_TO_POINT_LIMIT]`).waitFor({ timeout: 15_000 });
    const timeline = page.locator('deadline-order-timeline');
    await timeline.locator('li[data-type=ExchangeCompensated]').waitFor();
    expect(await timeline.locator('li[data-type=PointsUseFailed]').textContent()).toContain('insufficient points');
    expect(await page.locator('deadline-holder-points [data-points]').textContent()).toBe('600');
  });

  it('shows a currency-100 order rejected for the deadline, and its timeline when selected again', async () => {
    const { page } = tab;
    const orderId = await place(10, 100);
    const row = page.locator(`deadline-orders-table tr[data-order-id="${orderId}"]`);
    await row.locator('[data-status=REJECTED_DUE_TO_DEADLINE]').waitFor({ timeout: 15_000 });
    await page.locator('deadline-orders-table tbody tr').last().click(); // another order ...
    await row.click(); // ... and back: the timeline is loaded from the monitor
    const timeline = page.locator('deadline-order-timeline');
    await timeline.locator('li[data-type=OrderRejected]').waitFor();
    expect(await timeline.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type'))))
      .toEqual(['OrderCreated', 'DeadlineReached', 'OrderRejected']);
  });

  it('logged no console errors and no page errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
