import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../actors/mod.ts';
import { readAppConfig } from '../../../app-config.ts';
import type { Gateway } from '../../../gateway/app.ts';
import { minimumIterations } from '../../../gateway/auth/index.ts';
import { createEdge } from '../../../gateway/edge.ts';
import { echoLandscape } from '../fixtures/echo-landscape.ts';

const dir = mkdtempSync(join(tmpdir(), 'web-pages-'));
mkdirSync(join(dir, 'echo'));
writeFileSync(join(dir, 'echo', 'index.ts'), "customElements.define('echo-app', class extends HTMLElement {});\n");
let gateway: Gateway;

beforeAll(async () => {
  // The whole edge as `npm start` builds it, before any actor system runs: pages need none.
  gateway = await createEdge({
    system: () => undefined,
    config: readAppConfig({ JWT_SECRET: 'web-pages-secret' }),
    logger: createLogger({ level: 'silent' }),
    landscapes: [echoLandscape, { ...echoLandscape, name: 'quiet' }],
    passwordIterations: minimumIterations,
    web: { componentsDir: dir, managementUrl: 'http://guest:secret@broker.local:15672/' },
  });
});
afterAll(async () => {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = async (path: string) => {
  const response = await gateway.app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return response.text();
};

describe('pages', () => {
  it('lists on the portal each mounted landscape with a UI as a link, the others as API only', async () => {
    const html = await page('/');
    expect(html).toContain('<a href="/echo">echo</a>');
    expect(html).not.toContain('href="/quiet"');
    expect(html).toContain('<code>/api/quiet</code>');
    expect(html).toContain('href="/operations"');
  });

  it('links the RabbitMQ management UI without the credentials of its configured URL', async () => {
    const html = await page('/');
    expect(html).toContain('href="http://broker.local:15672/"');
    expect(html).not.toContain('secret');
  });

  it('shows a landscape page with its bundle and its root element', async () => {
    const html = await page('/echo');
    expect(html).toContain('<script type="module" src="/components/echo.js"></script>');
    expect(html).toContain('<echo-app></echo-app>');
  });

  it('has no page for a landscape without a UI', async () => {
    expect((await gateway.app.request('/quiet')).status).toBe(404);
  });

  it('shows the operations page with a login form for admin, escaping what the query names', async () => {
    const html = await page('/operations?correlationId=c-1%22%3E%3Cscript%3E&machine=order&instance=o-7');
    expect(html).toContain('<login-form username="admin"></login-form>');
    for (const tag of ['actor-board', 'dead-letter-office']) expect(html).toContain(`<${tag}></${tag}>`);
    expect(html).toContain('<flow-graph correlation-id="c-1&quot;&gt;&lt;script&gt;"></flow-graph>');
    expect(html).toContain('<state-machine-view machine="order" instance="o-7"></state-machine-view>');
    // This folder has no operations entry: no script to fail loading.
    expect(html).not.toContain('/components/operations.js');
  });

  it('has the flow graph and state-machine view follow the stream of the landscape the query names', async () => {
    const html = await page('/operations?correlationId=c-2&machine=order&landscape=echo');
    expect(html).toContain('<flow-graph correlation-id="c-2" landscape="echo"></flow-graph>');
    expect(html).toContain('<state-machine-view machine="order" landscape="echo"></state-machine-view>');
  });

  it('still answers unknown paths under /api with a 404 problem', async () => {
    const response = await gateway.app.request('/api/echo-nothing/here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('sends a Content-Security-Policy with frame-ancestors none, nosniff and a Referrer-Policy on every page', async () => {
    for (const path of ['/', '/echo', '/operations?correlationId=c-3']) {
      const response = await gateway.app.request(path);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("object-src 'none'");
      expect(policy, path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(policy, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
    // The API answers are not sniffable either.
    expect((await gateway.app.request('/api/nothing')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never writes the request\'s Host header into the portal', async () => {
    const saved = process.env.RABBITMQ_MANAGEMENT_URL;
    delete process.env.RABBITMQ_MANAGEMENT_URL; // unset: the link is port 15672 of the page's host
    const bare = await createEdge({
      system: () => undefined, config: readAppConfig({ JWT_SECRET: 'web-pages-secret' }), logger: createLogger({ level: 'silent' }),
      landscapes: [echoLandscape], passwordIterations: minimumIterations, web: { componentsDir: dir },
    });
    try {
      const html = await (await bare.app.request('http://evil.example/', { headers: { host: 'evil.example' } })).text();
      expect(html).not.toContain('evil.example');
      expect(html).toContain('data-port="15672"'); // the browser fills in its own host
    } finally {
      if (saved !== undefined) process.env.RABBITMQ_MANAGEMENT_URL = saved;
      await bare.close();
    }
  });
});
