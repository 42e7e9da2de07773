import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../actors/mod.ts';
import type { Landscape } from '../../services/landscape.ts';
import { openBrowser, newTab, type Tab } from '../support/browser.ts';
import { CuttableProxy } from '../support/cuttable-proxy.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';
import { echoLandscape, shouter } from '../gateway/fixtures/echo-landscape.ts';
import { testInternals } from '../../actors/testing.ts';

// This edge serves the fixture UI (`<echo-app>`), not the repository's web-components/.
process.env.WEB_COMPONENTS_DIR = fileURLToPath(new URL('../fixtures/web-components/', import.meta.url));

const echo: Landscape = { name: 'echo', actors: [shouter], edge: echoLandscape };
let edge: TestEdge;
let proxy: CuttableProxy;
let browser: Browser;
const tabs: Tab[] = [];

beforeAll(async () => {
  [edge, browser] = await Promise.all([TestEdge.start('e2e-portal', [echo]), openBrowser()]);
  // The browser reaches the edge through a proxy the tests can cut.
  proxy = await CuttableProxy.start(edge.server.port);
});
afterAll(async () => {
  await Promise.all(tabs.map((tab) => tab.close()));
  await browser?.close();
  await proxy?.close();
  await edge?.cleanup();
});

async function open(path: string): Promise<Tab> {
  const tab = await newTab(browser, proxy);
  tabs.push(tab);
  await tab.goto(path);
  return tab;
}

/** Logs the tab in as `admin` with `<echo-app>`'s login form: streams need a login. */
async function logIn(tab: Tab, root = 'echo-app'): Promise<void> {
  const form = tab.page.locator(`${root} login-form`);
  await form.locator('input[name=username]').fill('admin');
  await form.locator('input[name=password]').fill('asdf');
  await form.locator('button[type=submit]').click();
  await form.locator('.who', { hasText: 'Logged in as admin' }).waitFor();
}

/** An event as a request of `admin` in `sessionId` would cause it (its session is admin's). */
const ownEvent = (data: Record<string, unknown>, sessionId: string) => createEvent('Shouted', data, { source: 'test', sessionId, metadata: { requestedBy: 'admin' } });

/** The texts of `<echo-app>`'s message list (Playwright's CSS pierces its shadow root). */
const shown = (tab: Tab) => tab.page.locator('echo-app #messages li').allTextContents();
const tabSessionId = (tab: Tab) => tab.page.evaluate(() => sessionStorage.getItem('milk-factory.session-id')!);

describe('the portal in a browser', () => {
  it('lists the landscapes with a UI and opens one, with no console errors', async () => {
    const tab = await open('/');
    expect(await tab.page.locator('#landscapes a').allTextContents()).toEqual(['echo']);
    expect(await tab.page.locator('a#rabbitmq-management').getAttribute('href')).toMatch(/:15672\/$/);
    await tab.page.click('#landscapes a');
    await tab.page.waitForURL(/\/echo$/);
    await tab.page.locator('echo-app #stream-state', { hasText: 'offline' }).waitFor();
    await logIn(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    expect(tab.errors).toEqual([]);
  });

  it('embeds each landscape\'s UI in a panel that loads its bundle when opened', async () => {
    const tab = await open('/');
    expect(await tab.page.locator('echo-app').count()).toBe(0); // nothing loaded before it is opened
    await tab.page.click('details[data-bundle=echo] > summary');
    await logIn(tab, 'details[data-bundle=echo] echo-app');
    await tab.page.locator('details[data-bundle=echo] echo-app #stream-state', { hasText: 'live' }).waitFor();
    expect(tab.errors).toEqual([]);
  });

  it('serves each entry at /components/<name>.js', async () => {
    const response = await fetch(edge.url('/components/echo.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toContain("customElements.define(\"echo-app\"");
  });
});

describe('the shared client in a browser', () => {
  it('delivers this session\'s events live, and routes its errors to it as Error events', async () => {
    const tab = await open('/echo');
    await logIn(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    await tab.page.fill('echo-app input[name=text]', 'hello');
    await tab.page.click('echo-app button[type=submit]');
    await eventually(async () => (await shown(tab)).includes('Shouted: HELLO'), 10_000, 'Shouted in the page');
    await tab.page.fill('echo-app input[name=text]', 'refuse');
    await tab.page.click('echo-app button[type=submit]');
    await eventually(async () => (await shown(tab)).some((text) => /^Error: .*refuse/.test(text)), 10_000, 'the Error event in the page');
    expect(tab.errors).toEqual([]);
  });

  it('resumes after a dropped connection with Last-Event-ID, losing no event and repeating none', async () => {
    const tab = await open('/echo');
    await logIn(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    const sessionId = await tabSessionId(tab);
    const publish = async (text: string) => {
      const event = ownEvent({ text }, sessionId);
      await testInternals(edge.system).bus.publish('echo', event);
      return event;
    };
    const before = await publish('before');
    await eventually(async () => (await shown(tab)).includes('Shouted: before'), 10_000, 'the event before the cut');

    proxy.cut();
    await tab.page.locator('echo-app #stream-state', { hasText: 'offline' }).waitFor();
    // Published while the tab is cut off; a stream of our own proves the edge has them.
    const watcher = await edge.stream('echo', `?sessionId=${sessionId}`);
    await publish('missed 1');
    await publish('missed 2');
    await watcher.waitForMessage((m) => m.data.text === 'missed 2', 'the missed events at the edge');
    proxy.restore();

    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor({ timeout: 20_000 });
    await publish('after');
    await eventually(async () => (await shown(tab)).includes('Shouted: after'), 10_000, 'the event after reconnecting');
    expect(await shown(tab)).toEqual(['Shouted: before', 'Shouted: missed 1', 'Shouted: missed 2', 'Shouted: after']);
    const resumed = proxy.requestHeads.filter((head) => head.startsWith('get /api/echo/stream') && head.includes(`last-event-id: ${before.id}`));
    expect(resumed.length).toBeGreaterThan(0);
    // Chromium logs the cut itself (net::ERR_INCOMPLETE_CHUNKED_ENCODING, …); nothing else.
    expect(tab.errors.filter((e) => !/net::ERR_/.test(e))).toEqual([]);
  });

  it('opens the stream anew, without Last-Event-ID, when the URL it is given changes', async () => {
    const tab = await open('/echo');
    await logIn(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    const sessionId = await tabSessionId(tab);
    const publish = (text: string, room: string) => testInternals(edge.system).bus.publish('echo', ownEvent({ text, room }, sessionId));
    await publish('any room', 'a');
    await eventually(async () => (await shown(tab)).includes('Shouted: any room'), 10_000, 'the event before the change');

    await tab.page.evaluate(() => document.querySelector('echo-app')!.setAttribute('room', 'b'));
    await eventually(() => proxy.requestHeads.find((head) => head.startsWith('get /api/echo/stream') && head.includes('&room=b ')), 10_000, 'the stream of room b');
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    await publish('room a', 'a');
    await publish('room b', 'b');
    await eventually(async () => (await shown(tab)).includes('Shouted: room b'), 10_000, 'the event of room b');
    expect(await shown(tab)).toEqual(['Shouted: any room', 'Shouted: room b']);
    const roomB = proxy.requestHeads.filter((head) => head.includes('&room=b '));
    expect(roomB.every((head) => !head.includes('last-event-id'))).toBe(true);
    expect(tab.errors).toEqual([]);
  });

  it('gives a logged-out tab no stream and no live event; logged in, its own session\'s', async () => {
    const tab = await open('/echo');
    const sessionId = await tabSessionId(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'offline' }).waitFor();
    await testInternals(edge.system).bus.publish('echo', ownEvent({ text: 'while logged out' }, sessionId));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await shown(tab)).toEqual([]);
    expect(proxy.requestHeads.filter((head) => head.startsWith('get /api/echo/stream') && head.includes(sessionId))).toEqual([]);
    await logIn(tab);
    await tab.page.locator('echo-app #stream-state', { hasText: 'live' }).waitFor();
    // Another user's event in this session id is not this tab's.
    await testInternals(edge.system).bus.publish('echo', createEvent('Shouted', { text: 'someone else' }, { source: 'test', sessionId, metadata: { requestedBy: 'mallory' } }));
    await testInternals(edge.system).bus.publish('echo', ownEvent({ text: 'mine' }, sessionId));
    await eventually(async () => (await shown(tab)).includes('Shouted: mine'), 10_000, 'the own event');
    expect(await shown(tab)).toEqual(['Shouted: mine']);
    expect(tab.errors).toEqual([]);
  });

  it('logs in with <login-form>, showing the 401 problem for a wrong password', async () => {
    const tab = await open('/echo');
    const form = tab.page.locator('echo-app login-form');
    await form.locator('input[name=username]').fill('admin');
    await form.locator('input[name=password]').fill('wrong');
    await form.locator('button[type=submit]').click();
    const alert = form.locator('[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/401.*wrong username or password/);
    await form.locator('input[name=password]').fill('asdf');
    await form.locator('button[type=submit]').click();
    await form.locator('.who', { hasText: 'Logged in as admin (ADMIN)' }).waitFor();
    expect(await tab.page.evaluate(() => sessionStorage.getItem('milk-factory.token'))).toMatch(/^ey/);
    // The 401 answer itself is logged by Chromium as a failed resource load; nothing else.
    expect(tab.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
