import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestaurantLandscape } from '../../services/restaurant/mod.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';
import { shortId } from '../../web-components/shared/short-id.ts';

// The restaurant's live board in a real Chromium against a running edge; the tests run in order.
let edge: TestEdge;
let browser: Browser;
let tab: Tab;

beforeAll(async () => {
  const restaurant = createRestaurantLandscape({ dispatch: 'more-fair', chaos: { drop: 0, duplicate: 0 }, random: Math.random });
  // The integration tests' scale (restaurant-edge.ts): at 0.25 an order expired after 3.75 s,
  // and with the whole suite loading both cores a CookFood once reached its cook too late.
  edge = await TestEdge.start('restaurant-e2e', [restaurant], { timeScale: 0.4 });
  browser = await openBrowser();
  tab = await newTab(browser, edge);
  await tab.goto('/restaurant');
});

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await edge?.cleanup();
});

describe('the restaurant live board', () => {
  it('places an order and shows it move through its stages to finished, with its message graph', async () => {
    const { page } = tab;
    // Logged out: no stream (it needs a login), and no pausing cooks.
    await page.locator('restaurant-app p.live').getByText('Log in to follow live updates').waitFor();
    expect(await page.locator('restaurant-cook-queues').getByRole('button', { name: 'Pause' }).count()).toBe(0);
    const login = page.locator('restaurant-app login-form');
    await login.locator('input[name=password]').fill('asdf');
    await login.locator('button[type=submit]').click();
    await page.locator('restaurant-app p.live').getByText('Live', { exact: true }).waitFor();
    const form = page.locator('restaurant-order-form');
    await form.locator('input[name=tableNumber]').fill('7');
    await form.locator('input[name=iceCreams]').fill('2');
    await form.getByRole('button', { name: 'Place order' }).click();
    const status = form.locator('[role=status]');
    await status.getByText('Placed order').waitFor();
    const orderId = (await status.textContent())!.replace('Placed order', '').trim();

    const finished = page.locator(`restaurant-order-board [data-stage=finished] [data-order-id="${orderId}"]`);
    await finished.waitFor({ timeout: 20_000 });
    expect(await finished.textContent()).toContain('total 40');
    expect(await finished.textContent()).toContain('Table 7');

    // The order was selected when placed: its graph lists the chain, each message under its cause.
    const graph = page.locator('restaurant-message-graph');
    await graph.locator('tr[data-type=ProcessFinished]').waitFor({ timeout: 10_000 });
    const types = await graph.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')));
    expect(types.filter((t) => t !== 'CookingTimedOut')).toEqual([
      'OrderPlaced', 'CookFood', 'OrderCooked', 'PriceOrder', 'OrderPriced', 'TakePayment', 'OrderPaid', 'ProcessFinished',
    ]);
    const messages = await edge.expect(200, 'GET', `/api/restaurant/orders/${orderId}/messages`);
    const placedId: string = messages.find((m: { type: string }) => m.type === 'OrderPlaced').id;
    expect(await graph.locator('tr[data-type=CookFood]').first().textContent()).toContain(shortId(placedId));
    // Ids people can tell apart: UUIDv7 of one order share their time prefix, the shown parts differ;
    // the whole id is on hover and is what a copy takes.
    const shown = await graph.locator('tbody tr td:nth-child(2) code').allTextContents();
    expect(new Set(shown).size).toBe(shown.length);
    const placedCell = graph.locator('tr[data-type=OrderPlaced] td:nth-child(2) code');
    expect(await placedCell.getAttribute('title')).toBe(placedId);
    const copied = await placedCell.evaluate((code) => {
      const event = new ClipboardEvent('copy', { clipboardData: new DataTransfer(), bubbles: true, composed: true, cancelable: true });
      code.dispatchEvent(event);
      return event.clipboardData!.getData('text/plain');
    });
    expect(copied).toBe(placedId);
    expect(tab.errors).toEqual([]);
  });

  it('shows each cook\'s queue and what it cooked, and lets an admin pause a cook', async () => {
    const { page } = tab;
    const cooks = page.locator('restaurant-cook-queues');
    await eventually(async () => Number(await cooks.locator('tr[data-cook=tom] td.cooked').textContent()) >= 1, 10_000, 'tom cooked');
    const harry = cooks.locator('tr[data-cook=harry]');
    await harry.getByRole('button', { name: 'Pause' }).click();
    await harry.getByText('paused').waitFor();
    expect((await edge.expect(200, 'GET', '/api/restaurant/cooks')).find((c: { name: string }) => c.name === 'harry').paused).toBe(true);
    await harry.getByRole('button', { name: 'Resume' }).click();
    await harry.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await cooks.locator('svg polyline').count()).toBe(3);
    expect(tab.errors).toEqual([]);
  });

  it('moves orders placed elsewhere onto the board as their events arrive', async () => {
    const { orderId } = await edge.expect(202, 'POST', '/api/restaurant/orders', { body: { tableNumber: 3, items: [{ item: 'pancake', quantity: 2 }], dodgy: true } });
    const card = tab.page.locator(`restaurant-order-board [data-stage=finished] [data-order-id="${orderId}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('pay first');
  });
});
