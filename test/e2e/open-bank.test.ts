import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openbankLandscape } from '../../services/open-bank/mod.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';

// open-bank's UI in a real Chromium: a client logs in, deposits, transfers, sees the rows
// arrive live and the reason of a failed transfer; the home page shows the company account.
let edge: TestEdge;
let browser: Browser;
const tabs: Tab[] = [];

beforeAll(async () => {
  [edge, browser] = await Promise.all([TestEdge.start('ob-e2e', [openbankLandscape], { timeScale: 0.1 }), openBrowser()]);
});
afterAll(async () => {
  await Promise.all(tabs.map((tab) => tab.close()));
  await browser?.close();
  await edge?.cleanup();
});

async function open(path: string): Promise<Tab> {
  const tab = await newTab(browser, edge);
  tabs.push(tab);
  await tab.goto(path);
  return tab;
}

const nbsp = /\u00a0/g;
const rowTexts = async (tab: Tab, host: string) =>
  (await tab.page.locator(`${host} bank-transactions #rows tr`).allTextContents()).map((text) => text.replace(nbsp, ' ').replace(/\s+/g, ' ').trim());

describe('open-bank in a browser', () => {
  it('lets a client log in, deposit and transfer, with the rows appearing live and a failure reason shown', async () => {
    const tab = await open('/open-bank#client');
    const client = tab.page.locator('bank-client');
    await client.locator('input[name=username]').fill('browser.client');
    await client.locator('input[name=password]').fill('browser-password');
    await client.locator('#login button[type=submit]').click();
    await client.locator('#iban').waitFor();
    // The balance is fetched after the login answered: wait for it rather than read it at once.
    await client.locator('#balance', { hasText: '0,00' }).waitFor();
    expect((await client.locator('#balance').textContent())?.replace(nbsp, ' ')).toBe('€ 0,00');

    await client.locator('button.deposit[data-amount="5000"]').click();
    await tab.page.waitForFunction(() => document.querySelector('open-bank-app')?.shadowRoot?.querySelector('bank-client')?.shadowRoot
      ?.querySelector('bank-transactions')?.shadowRoot?.querySelectorAll('#rows tr').length === 1);
    expect((await rowTexts(tab, 'bank-client'))[0]).toContain('€ 50,00');

    await client.locator('#transfer input[name=amount]').fill('11,11');
    await client.locator('#transfer input[name=description]').fill('books');
    await client.locator('#transfer button[type=submit]').click();
    await client.locator('bank-transactions #rows tr', { hasText: 'books' }).waitFor();
    const rows = await rowTexts(tab, 'bank-client');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('NL66OPEN0000000000');
    expect(rows[0]).toContain('€ 38,89');
    expect(rows[0]).toMatch(/-\s?€ 11,11|€ -11,11/);
    await client.locator('#balance', { hasText: '38,89' }).waitFor();

    // Beyond the limit of −€ 500,00: refused, and the reason is shown.
    await client.locator('#transfer input[name=amount]').fill('600');
    await client.locator('#transfer button[type=submit]').click();
    await client.locator('#problem', { hasText: 'insufficient funds' }).waitFor();
    expect(await rowTexts(tab, 'bank-client')).toHaveLength(2);
    expect(tab.errors).toEqual([]);
  });

  it("shows the company account's transactions on the home page, live once logged in", async () => {
    const tab = await open('/open-bank');
    const home = tab.page.locator('bank-home');
    // Logged out: the list (public), no stream, and a word on how to follow it live.
    await home.locator('bank-transactions #rows tr', { hasText: 'books' }).waitFor();
    await home.locator('bank-transactions .live', { hasText: 'Log in' }).waitFor();
    await tab.page.locator('open-bank-app #tab-client').click();
    const client = tab.page.locator('bank-client');
    await client.locator('input[name=username]').fill('home.viewer');
    await client.locator('input[name=password]').fill('viewer-password');
    await client.locator('#login button[type=submit]').click();
    await client.locator('#iban').waitFor();
    await tab.page.locator('open-bank-app #tab-home').click();
    // The first test's transfer to the company account is listed once the page has loaded.
    await home.locator('bank-transactions #rows tr', { hasText: 'books' }).waitFor();
    const { iban } = await edge.expect(200, 'POST', '/api/open-bank/login', { body: { username: 'home.watcher', password: 'password9' } });
    const login = await edge.expect(200, 'POST', '/api/open-bank/login', { body: { username: 'home.watcher', password: 'password9' } });
    await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id: crypto.randomUUID(), token: 'none', amount: 2000, from: 'cash', to: iban, description: 'cash in' } });
    await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id: crypto.randomUUID(), token: login.token, amount: 1234, from: iban, to: 'NL66OPEN0000000000', description: 'fee for the home page' } });
    await home.locator('bank-transactions #rows tr', { hasText: 'fee for the home page' }).waitFor();
    const rows = await rowTexts(tab, 'bank-home');
    expect(rows[0]).toContain('€ 12,34');
    expect(rows.filter((row) => row.includes('fee for the home page'))).toHaveLength(1);
    expect(rows.some((row) => row.includes('books'))).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(tab.errors).toEqual([]);
  });

  it('lets a bank employee pick an IBAN and watch it live', async () => {
    const { iban, token } = await edge.expect(200, 'POST', '/api/open-bank/login', { body: { username: 'watched.client', password: 'password8' } });
    await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id: crypto.randomUUID(), token: 'none', amount: 1500, from: 'cash', to: iban, description: 'first' } });
    const tab = await open('/open-bank#employee');
    const employee = tab.page.locator('bank-employee');
    await employee.locator('login-form input[name=password]').fill('asdf');
    await employee.locator('login-form button[type=submit]').click();
    await employee.locator('#pick input[name=iban]').fill(iban);
    await employee.locator('#pick button[type=submit]').click();
    await employee.locator('bank-transactions #rows tr', { hasText: 'first' }).waitFor();
    await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id: crypto.randomUUID(), token, amount: 500, from: iban, to: 'cash', description: 'second' } });
    await employee.locator('bank-transactions #rows tr', { hasText: 'second' }).waitFor();
    expect((await rowTexts(tab, 'bank-employee'))[0]).toContain('€ 10,00');
    expect(tab.errors).toEqual([]);
  });
});
