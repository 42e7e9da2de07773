import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../services/milk-factory/mod.ts';
import { tiberius } from '../services/milk-factory/sales-helpers.ts';
import { augustus, final, requisition, requisitionWhen, runningContract } from '../services/milk-factory/subscriptions/subscription-helpers.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { logInToMilkFactory as logIn } from './milk-factory-pages.ts';
import { shortId } from '../../web-components/shared/short-id.ts';

// My Account (spec: the customer portal) in a real Chromium against a running edge.
let edge: TestEdge;
let browser: Browser;
let tab: Tab;
let mine: string;
let theirs: string;
let theirRequisition: string;

beforeAll(async () => {
  edge = await TestEdge.start('mf-e2e-account', [milkfactoryLandscape], { timeScale: 0.5 });
  browser = await openBrowser();
  tab = await newTab(browser, edge);
  [mine, theirs] = await Promise.all([runningContract(edge, { quantity: 20, autoExtend: true }), runningContract(edge, { quantity: 10, holder: tiberius })]);
  theirRequisition = `their-${Date.now()}`;
  expect((await requisition(edge, theirs, { requisitionId: theirRequisition, quantity: 2, deliverBy: '2027-02-01' }, tiberius)).status).toBe(202);
  await requisitionWhen(edge, theirRequisition, final);
});

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await edge?.cleanup();
});

describe('My Account', () => {
  it('a customer claims boxes and sees the requisition confirm, the quota and the delivery change live', async () => {
    await logIn(tab, augustus);
    await tab.page.locator('milk-factory-app nav a', { hasText: 'My account' }).click();
    const account = tab.page.locator('mf-account');
    const row = account.locator(`table.contracts tr[data-contract-id="${mine}"]`);
    await row.waitFor();
    expect(await row.locator('.state').textContent()).toBe('RUNNING');
    expect(await row.locator('.quota').textContent()).toBe('0 of 20');
    // The first year was billed on approval (2026-06-01..2027-05-26); it extends itself, so the next bill is the next year's.
    await row.locator('.next-bill', { hasText: '2027-05-27' }).waitFor();
    await account.locator('table.bills tr[data-bill-id]').first().waitFor();
    await account.getByText('Live', { exact: true }).waitFor();

    await account.locator('form.claim select[name=contractId]').selectOption(mine);
    await account.locator('form.claim input[name=quantity]').fill('3');
    await account.getByRole('button', { name: 'Claim boxes' }).click();
    const requisitionRow = account.locator('table.requisitions tr[data-requisition-id]');
    await requisitionRow.first().waitFor();
    // CONFIRMED comes over the stream (RequisitionChanged): no reload.
    await requisitionRow.locator('.state', { hasText: 'CONFIRMED' }).waitFor({ timeout: 15_000 });
    await row.locator('.quota', { hasText: '3 of 20' }).waitFor({ timeout: 10_000 });
    await account.locator('table.deliveries tr[data-delivery-id] .state', { hasText: 'SCHEDULED' }).waitFor({ timeout: 10_000 });
    expect(tab.errors).toEqual([]);
  });

  it('a customer sees none of another customer\'s data, on the page or on the stream', async () => {
    const account = tab.page.locator('mf-account');
    // Another customer's requisition while this page is open: nothing of it arrives.
    const streamed = tab.page.evaluate(async () => {
      const token = sessionStorage.getItem('milk-factory.token');
      const abort = new AbortController();
      const response = await fetch('/api/milk-factory/stream', { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
      const reader = response.body!.getReader();
      let text = '';
      setTimeout(() => abort.abort(), 6_000);
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch { /* aborted */ }
      return text;
    });
    const other = `their-late-${Date.now()}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await requisition(edge, theirs, { requisitionId: other, quantity: 1, deliverBy: '2027-02-02' }, tiberius)).status).toBe(202);
    const mineToo = `mine-${Date.now()}`;
    expect((await requisition(edge, mine, { requisitionId: mineToo, quantity: 1, deliverBy: '2027-02-02' })).status).toBe(202);
    await requisitionWhen(edge, other, final);
    await requisitionWhen(edge, mineToo, final);
    const text = await streamed;
    expect(text).toContain(mineToo); // the stream works, and carries this customer's own news
    for (const foreign of [theirs, theirRequisition, other]) expect(text).not.toContain(foreign);

    await account.locator(`table.requisitions tr[data-requisition-id="${mineToo}"] .state`, { hasText: 'CONFIRMED' }).waitFor({ timeout: 10_000 });
    const page = await account.innerHTML();
    for (const foreign of [theirs, theirRequisition, other]) {
      expect(page).not.toContain(foreign); // nor in a title: ids are shown short, whole on hover
      expect(page).not.toContain(shortId(foreign));
    }
    expect(await account.locator(`table.contracts tr[data-contract-id="${theirs}"]`).count()).toBe(0);
    expect(tab.errors).toEqual([]);
  });
});
