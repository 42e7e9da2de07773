import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { createCommand, createEvent, type DeadLetter } from '../../actors/mod.ts';
import { depotLandscape, scale } from '../fixtures/depot-landscape.ts';
import { newTab, openBrowser, type Tab } from '../support/browser.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';
import { testInternals } from '../../actors/testing.ts';

// The operations page in a real Chromium against a running edge: one tab, logged in as
// admin, driven through the steps an operator takes (the tests of this file run in order).
let edge: TestEdge;
let browser: Browser;
let tab: Tab;
const correlationId = `parcel-${crypto.randomUUID()}`;
const weigh = createCommand('Weigh', { parcel: 'p-7' }, { source: 'test', correlationId: `weigh-${crypto.randomUUID()}` });
const unwanted = createCommand('Weigh', { parcel: 'p-0' }, { source: 'test', correlationId: `weigh-${crypto.randomUUID()}` });

beforeAll(async () => {
  edge = await TestEdge.start('ops-e2e', [depotLandscape], { timeScale: 0.1 });
  // What an operator finds: a flow of three messages with an orchestrator instance, and a parked message.
  await testInternals(edge.system).bus.send('depot', 'intake', createCommand('Receive', { parcel: 'p-1' }, { source: 'test', correlationId }));
  await testInternals(edge.system).bus.send('depot', 'scale', weigh);
  await testInternals(edge.system).bus.send('depot', 'scale', unwanted);
  await eventually(async () => {
    const parked = await admin<DeadLetter[]>('/api/admin/dead-letters');
    return parked.some((d) => d.messageId === weigh.id) && parked.some((d) => d.messageId === unwanted.id);
  }, 30_000, 'the two parked Weighs');
  await eventually(async () => {
    const instance = await edge.call('GET', `/api/admin/orchestrators/shipment/instances/${correlationId}`, { as: 'admin' });
    const flow = await edge.call('GET', `/api/admin/flows/${correlationId}`, { as: 'admin' });
    return instance.body.state?.transit === 'loading' && flow.status === 200 && new Set(flow.body.map((r: { id: string }) => r.id)).size === 3;
  }, 30_000, 'the shipment in transit.loading and its flow recorded');

  browser = await openBrowser();
  tab = await newTab(browser, edge);
  await tab.goto(`/operations?correlationId=${correlationId}&machine=shipment&instance=${correlationId}`);
}, 120_000); // a broker busy with other suites' quorum queues can make the start-up slow

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await edge?.cleanup();
});

const admin = <T>(path: string) => edge.expect<T>(200, 'GET', path, { as: 'admin' });

describe('the operations page', () => {
  it('asks for the admin login, then shows the components', async () => {
    const { page } = tab;
    await page.locator('actor-board').getByText('Log in as an admin').waitFor();
    await page.locator('login-form input[name=password]').fill('asdf');
    await page.locator('login-form input[name=username]').fill('admin');
    await page.locator('login-form button[type=submit]').click();
    await page.locator('login-form').getByText('Logged in as').waitFor();
  });

  it('shows every mailbox with its counts and pauses one (the API confirms it is paused)', async () => {
    const queue = edge.system.names.mailbox('depot', 'sorter');
    const row = tab.page.locator(`actor-board tr[data-queue="${queue}"]`);
    await row.waitFor();
    for (const service of ['intake', 'sorter', 'scale', 'shipment']) {
      await tab.page.locator(`actor-board tr[data-queue="${edge.system.names.mailbox('depot', service)}"]`).waitFor();
    }
    expect(await row.textContent()).toContain('running');
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('paused', { exact: true }).waitFor();
    await tab.page.locator('actor-board').getByText(`${queue} paused`).waitFor();
    const mailboxes = await admin<Array<{ queue: string; paused: boolean }>>('/api/admin/actors');
    expect(mailboxes.find((m) => m.queue === queue)?.paused).toBe(true);
    expect(edge.system.operations.mailboxes.find((m) => m.queue === queue)?.subscription.paused).toBe(true);

    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('running', { exact: true }).waitFor();
    expect((await admin<Array<{ queue: string; paused: boolean }>>('/api/admin/actors')).find((m) => m.queue === queue)?.paused).toBe(false);
  });

  it('shows the parked message with its error; retried, it leaves the list, is handled once and recorded', async () => {
    const row = tab.page.locator(`dead-letter-office tbody[data-message-id="${weigh.id}"]`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Weigh');
    expect(text).toContain('Error: the scale is jammed');
    expect(text).toContain('retries-exhausted');
    const flowLink = new URLSearchParams((await row.locator('a.flow').getAttribute('href'))!.slice(1));
    expect([flowLink.get('correlationId'), flowLink.get('machine')]).toEqual([weigh.metadata.correlationId, 'shipment']);
    await row.getByRole('button', { name: 'Show' }).click();
    expect(JSON.parse(await row.locator('pre.message').textContent() ?? '')).toMatchObject({ id: weigh.id, type: 'Weigh', data: { parcel: 'p-7' } });

    scale.jammed = false; // the fix is deployed
    await row.getByRole('button', { name: 'Retry' }).click();
    await tab.page.locator('dead-letter-office').getByText(`Retried Weigh: re-delivered to ${edge.system.names.mailbox('depot', 'scale')}`).waitFor();
    await row.waitFor({ state: 'detached' });
    await eventually(() => scale.weighed.some((m) => m.id === weigh.id), 10_000, 'the retried Weigh handled');
    const retried = await admin<DeadLetter[]>('/api/admin/dead-letters?status=retried');
    expect(retried.find((d) => d.messageId === weigh.id)).toMatchObject({ status: 'retried', resolvedBy: 'admin' });
    expect(scale.weighed.filter((m) => m.id === weigh.id)).toHaveLength(1);
  });

  it('filters the parked messages by queue and type', async () => {
    const office = tab.page.locator('dead-letter-office');
    const row = office.locator(`tbody[data-message-id="${unwanted.id}"]`);
    await row.waitFor();
    const type = office.locator('input[name=type]');
    await type.fill('Weigh');
    await type.press('Enter');
    await row.waitFor();
    await type.fill('NoSuchType');
    await type.press('Enter');
    await row.waitFor({ state: 'detached' });
    await office.getByText('Nothing parked that matches the filters.').waitFor();
    await type.fill('');
    await type.press('Enter');
    await row.waitFor();
    const queue = office.locator('input[name=queue]');
    await queue.fill(edge.system.names.mailbox('depot', 'intake'));
    await queue.press('Enter');
    await row.waitFor({ state: 'detached' });
    await queue.fill(edge.system.names.mailbox('depot', 'scale'));
    await queue.press('Enter');
    await row.waitFor();
    await queue.fill('');
    await queue.press('Enter');
  });

  it('discards a parked message: it leaves the list and the discard is recorded', async () => {
    const row = tab.page.locator(`dead-letter-office tbody[data-message-id="${unwanted.id}"]`);
    await row.getByRole('button', { name: 'Discard' }).click();
    await tab.page.locator('dead-letter-office').getByText('Discarded Weigh').waitFor();
    await row.waitFor({ state: 'detached' });
    const discarded = await admin<DeadLetter[]>('/api/admin/dead-letters?status=discarded');
    expect(discarded.find((d) => d.messageId === unwanted.id)).toMatchObject({ status: 'discarded', resolvedBy: 'admin' });
    expect(scale.weighed.some((m) => m.id === unwanted.id)).toBe(false);
  });

  it('draws the flow: a node per message, an edge per causation', async () => {
    const graph = tab.page.locator('flow-graph');
    await expect.poll(() => graph.locator('g.node').count(), { timeout: 10_000 }).toBe(3);
    const types = await graph.locator('g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-type')));
    expect(types.sort()).toEqual(['Receive', 'Received', 'Sorted']);
    const flow = await admin<Array<{ id: string; type: string; causationId: string | null }>>(`/api/admin/flows/${correlationId}`);
    const idOf = (type: string) => flow.find((r) => r.type === type)!.id;
    const edges = await graph.locator('line.edge').evaluateAll((lines) => lines.map((l) => `${l.getAttribute('data-from')}→${l.getAttribute('data-to')}`));
    expect(edges.sort()).toEqual([`${idOf('Receive')}→${idOf('Received')}`, `${idOf('Received')}→${idOf('Sorted')}`].sort());
  });

  it('draws the state machine with the current state highlighted, and follows the instance live', async () => {
    const view = tab.page.locator('state-machine-view');
    const state = (key: string) => view.locator(`g.state[data-key="${key}"]`);
    await state('loading').and(view.locator('[data-active=true]')).waitFor();
    for (const key of ['received', 'transit', 'loading', 'driving', 'delivered']) await state(key).waitFor();
    expect(await state('transit').getAttribute('data-active')).toBe('true'); // the parent of the current state
    expect(await state('driving').getAttribute('data-active')).toBe('false');
    expect(await view.locator('g.transition').count()).toBe(3);
    await view.locator('.current').getByText('transit.loading').waitFor();

    await testInternals(edge.system).bus.publish('depot', createEvent('Loaded', { parcel: 'p-1' }, { source: 'test', correlationId }));
    await state('driving').and(view.locator('[data-active=true]')).waitFor({ timeout: 10_000 });
    expect(await state('loading').getAttribute('data-active')).toBe('false');
    await view.locator('.current').getByText('transit.driving').waitFor();
    await view.locator('pre.context').getByText('"loads": 1').waitFor();

    if (process.env.SCREENSHOTS === '1') {
      // The picture for the README shows a parked message too.
      scale.jammed = true;
      const stuck = createCommand('Weigh', { parcel: 'p-8' }, { source: 'test', correlationId: `weigh-${crypto.randomUUID()}` });
      await testInternals(edge.system).bus.send('depot', 'scale', stuck);
      await tab.page.locator(`dead-letter-office tbody[data-message-id="${stuck.id}"]`).waitFor({ timeout: 20_000 });
      mkdirSync('docs/screenshots', { recursive: true });
      await tab.page.screenshot({ path: 'docs/screenshots/operations.png', fullPage: true });
    }
  });

  it('opens the instance in Stately\'s visualiser when it answers, and on our own page when it does not', async () => {
    const view = tab.page.locator('state-machine-view');
    const context = tab.page.context();
    // Stately's visualiser as the browser sees it: a page at its address that tells its
    // opener it listens (as stately.ai/inspect does) and keeps what it is sent.
    const stately = `<!doctype html><script>window.received = []; addEventListener('message', (e) => window.received.push(e.data)); opener.postMessage({ type: '@statelyai.connected' }, '*');</script>`;
    await context.route('https://stately.ai/inspect', (route) => route.fulfill({ contentType: 'text/html', body: stately }));
    const [visualiser] = await Promise.all([context.waitForEvent('page'), view.locator('button.visualise').click()]);
    await view.locator('button.visualise[data-opened=stately]').waitFor({ timeout: 10_000 });
    const received = () => visualiser.evaluate(() => (window as unknown as { received: Array<Record<string, any>> }).received);
    await expect.poll(async () => (await received()).at(-1)?.type, { timeout: 10_000 }).toBe('@xstate.snapshot');
    const messages = await received();
    expect(messages[0]).toMatchObject({ type: '@xstate.actor', sessionId: `shipment:${correlationId}`, name: 'shipment@1' });
    const loaded = createActor(createMachine(JSON.parse(messages[0]!.definition))).start();
    expect(loaded.getSnapshot().status).toBe('active');
    loaded.stop();
    expect(messages.filter((m) => m.type === '@xstate.event').map((m) => m.event.type)).toEqual(['Sorted', 'Loaded']);
    expect(messages.at(-1)!.snapshot).toMatchObject({ value: { transit: 'driving' }, context: { loads: 1 } });
    await visualiser.close();

    // Unreachable (no network, blocked): the same window shows our own view of the instance.
    await context.unroute('https://stately.ai/inspect');
    await context.route('https://stately.ai/**', (route) => route.abort('internetdisconnected'));
    await view.evaluate((element) => { (element as unknown as { visualiserWait: number }).visualiserWait = 1_500; });
    const [own] = await Promise.all([context.waitForEvent('page'), view.locator('button.visualise').click()]);
    await view.locator('button.visualise[data-opened=own]').waitFor({ timeout: 10_000 });
    await own.waitForURL((url) => url.pathname === '/operations' && url.searchParams.get('instance') === correlationId, { timeout: 10_000 });
    await own.locator('state-machine-view g.state[data-key="driving"][data-active="true"]').waitFor({ timeout: 10_000 });
    await own.close();
    await context.unroute('https://stately.ai/**');
  });

  it('logged no console errors and no page errors', () => {
    expect(tab.errors).toEqual([]);
  });
});

describe('<operations-app>', () => {
  it('lays the four components out with the login; with a landscape, the flow and the state machine follow its stream', async () => {
    const parcel = `parcel-${crypto.randomUUID()}`;
    await testInternals(edge.system).bus.send('depot', 'intake', createCommand('Receive', { parcel: 'p-2' }, { source: 'test', correlationId: parcel }));
    await eventually(async () => {
      const instance = await edge.call('GET', `/api/admin/orchestrators/shipment/instances/${parcel}`, { as: 'admin' });
      return instance.body.state?.transit === 'loading';
    }, 30_000, 'the second shipment in transit.loading');
    // A message of that flow parked, so the dead-letter office can point to the flow.
    scale.jammed = true;
    const stuck = createCommand('Weigh', { parcel: 'p-2' }, { source: 'test', correlationId: parcel });
    await testInternals(edge.system).bus.send('depot', 'scale', stuck);
    await eventually(async () => (await admin<DeadLetter[]>('/api/admin/dead-letters')).some((d) => d.messageId === stuck.id), 30_000, 'the parked Weigh of the second parcel');

    const app = await newTab(browser, edge);
    try {
      // The operations bundle defines <operations-app>; it reads what to show from the URL.
      await app.goto(`/operations?correlationId=${parcel}&machine=shipment&instance=${parcel}&landscape=depot`);
      await app.page.evaluate(() => document.body.replaceChildren(document.createElement('operations-app')));
      const root = app.page.locator('operations-app');
      await root.locator('login-form input[name=password]').fill('asdf');
      await root.locator('login-form button[type=submit]').click();
      await root.locator('login-form').getByText('Logged in as').waitFor();

      await root.locator(`actor-board tr[data-queue="${edge.system.names.mailbox('depot', 'scale')}"]`).waitFor();
      await root.locator('dead-letter-office .summary').getByText('parked').waitFor();
      const graph = root.locator('flow-graph');
      await graph.locator('.live[data-mode=stream]').waitFor();
      await expect.poll(() => graph.locator('g.node').count(), { timeout: 10_000 }).toBe(3);

      const view = root.locator('state-machine-view');
      await view.locator('.live[data-mode=stream]').waitFor();
      await view.locator('g.state[data-key="loading"][data-active="true"]').waitFor();
      await testInternals(edge.system).bus.publish('depot', createEvent('Loaded', { parcel: 'p-2' }, { source: 'test', correlationId: parcel }));
      await view.locator('g.state[data-key="driving"][data-active="true"]').waitFor({ timeout: 10_000 });
      // The Loaded event arrived on the stream, so the flow drew it too.
      await expect.poll(() => graph.locator('g.node[data-type="Loaded"]').count(), { timeout: 10_000 }).toBe(1);

      // A dead letter's Flow link shows its flow in place (no page load: the marker survives).
      await root.locator('form.flow input[name=correlationId]').fill(correlationId);
      await root.locator('form.flow button[type=submit]').click();
      await graph.locator('code').getByText(correlationId).waitFor();
      await app.page.evaluate(() => Object.assign(window, { notReloaded: true }));
      await root.locator(`dead-letter-office tbody[data-message-id="${stuck.id}"] a.flow`).click();
      await graph.locator('code').getByText(parcel).waitFor();
      expect(new URL(app.page.url()).searchParams.get('correlationId')).toBe(parcel);
      expect(await app.page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);

      // The form changes what is shown and keeps it in the URL.
      await root.locator('form.machine input[name=instance]').fill(correlationId);
      await root.locator('form.machine button[type=submit]').click();
      await view.locator(`code`).getByText(correlationId).waitFor();
      expect(new URL(app.page.url()).searchParams.get('instance')).toBe(correlationId);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
