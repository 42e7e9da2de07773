import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName, type DeadLetter } from '../../actors/mod.ts';
import { vouchersLandscape } from '../../services/vouchers/mod.ts';
import { testDatabase } from '../support/actor-system.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';

// The vouchers page in a real Chromium against a running edge; the tests run in order.
let edge: TestEdge;
let browser: Browser;
let tab: Tab;
const sql = testDatabase();

beforeAll(async () => {
  edge = await TestEdge.start('vouchers-e2e', [vouchersLandscape], { timeScale: 0.01 });
  browser = await openBrowser();
  tab = await newTab(browser, edge);
  await tab.goto('/vouchers');
});

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await edge?.cleanup();
  await sql.end();
});

describe('the vouchers page', () => {
  it('creates an order, delivers it and shows its voucher as it appears', async () => {
    const { page } = tab;
    // Logged out the page shows the orders but follows no stream (it needs a login).
    await page.locator('vouchers-app p.live').getByText('Log in to follow live updates').waitFor();
    const parked = page.locator('vouchers-parked');
    await parked.getByText('Log in as an admin').waitFor();
    await parked.locator('login-form input[name=username]').fill('admin');
    await parked.locator('login-form input[name=password]').fill('asdf');
    await parked.locator('login-form button[type=submit]').click();
    await page.locator('vouchers-app p.live').getByText('Live', { exact: true }).waitFor();
    await page.locator('vouchers-orders input[name=netTotal]').fill('85');
    await page.locator('vouchers-orders').getByRole('button', { name: 'Create order' }).click();
    const status = page.locator('vouchers-orders [role=status]');
    await status.getByText('Created order').waitFor();
    const orderId = (await status.textContent())!.replace('Created order', '').trim();
    const row = page.locator(`vouchers-orders tr[data-order-id="${orderId}"]`);
    expect(await row.textContent()).toContain('101.15');

    await row.getByRole('button', { name: 'Deliver' }).click();
    await row.getByText('sent', { exact: true }).waitFor();
    const voucher = page.locator(`vouchers-list tr[data-order-id="${orderId}"]`);
    await voucher.waitFor({ timeout: 15_000 });
    expect(await voucher.textContent()).toContain('5 €');
    expect(await edge.expect(200, 'GET', `/api/vouchers/vouchers?orderId=${orderId}`)).toHaveLength(1);
  });

  it('retries a parked message from the office once the fault is gone, and its voucher appears', async () => {
    const schema = schemaName(edge.namespace, 'vouchers_vouchers');
    const queue = edge.system.names.mailbox('vouchers', 'vouchers');
    await sql.unsafe(`alter table "${schema}".vouchers rename to vouchers_away`);
    let letter: DeadLetter;
    let orderId: string;
    try {
      const order = await edge.expect(201, 'POST', '/api/vouchers/orders', { body: { netTotal: 90 } });
      orderId = order.id;
      await edge.expect(200, 'POST', `/api/vouchers/orders/${orderId}/deliver`);
      letter = await eventually(async () => {
        const letters = await edge.expect<DeadLetter[]>(200, 'GET', `/api/admin/dead-letters?queue=${queue}`, { as: 'admin' });
        return letters.find((l) => l.type === 'OrderUpdated');
      }, 20_000, 'the OrderUpdated parked after 3 tries');
    } finally {
      await sql.unsafe(`alter table "${schema}".vouchers_away rename to vouchers`);
    }

    const { page } = tab;
    const parked = page.locator('vouchers-parked'); // logged in as admin since the first test
    const row = parked.locator(`tbody[data-message-id="${letter.messageId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('retries-exhausted');
    await row.getByRole('button', { name: 'Retry' }).click();
    await parked.getByText('Retried OrderUpdated').waitFor();
    await page.locator(`vouchers-list tr[data-order-id="${orderId!}"]`).waitFor({ timeout: 15_000 });
    await row.waitFor({ state: 'detached' });
    expect(await edge.expect(200, 'GET', `/api/vouchers/vouchers?orderId=${orderId!}`)).toHaveLength(1);
  });

  it('logged no console errors and no page errors', () => {
    expect(tab.errors).toEqual([]);
  });
});
