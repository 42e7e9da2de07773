import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Gateway } from '../../../gateway/app.ts';
import { bundleComponents } from '../../../gateway/web/component-bundles.ts';
import { webRoutes } from '../../../gateway/web/index.ts';
import { captureLogger } from '../../support/capture-logger.ts';

// Entries written at run time: a broken one in the repository would break `tsc --noEmit`.
const dir = mkdtempSync(join(tmpdir(), 'web-components-'));
const entry = (name: string, code: string) => {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'index.ts'), code);
};
entry('good', "import { greeting } from '../shared/greeting.ts';\nconst n: number = 2;\ncustomElements.define('good-app', class extends HTMLElement { connectedCallback() { this.textContent = greeting + n; } });\n");
entry('broken', "import { nothing } from './missing.ts';\nconsole.log(nothing);\n");
entry('shared', 'export const greeting = "hello ";\n');
writeFileSync(join(dir, 'shared', 'greeting.ts'), 'export const greeting: string = "hello ";\n');
mkdirSync(join(dir, 'no-entry'));

const { logger, lines } = captureLogger();
let gateway: Gateway;

beforeAll(() => {
  gateway = createApp({ system: () => undefined, extraRoutes: [webRoutes({ landscapes: ['good', 'broken'], logger, componentsDir: dir })] });
});
afterAll(async () => {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => gateway.app.request(path, { headers });

describe('component bundles', () => {
  it('serves an entry as one ES module with its shared code inlined and its types stripped', async () => {
    const response = await get('/components/good.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await response.text();
    expect(code).toContain('"hello "');
    expect(code).not.toContain('../shared/greeting');
    expect(code).not.toContain(': number');
  });

  it('logs a bundle that does not build as an error with esbuild\'s message, and answers 500 with it', async () => {
    const response = await get('/components/broken.js');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({ type: '/problems/bundle-failed', status: 500 });
    expect(body.detail).toContain('Could not resolve "./missing.ts"');
    const logged = lines.find((line) => line.level === 50 && line.component === 'broken');
    expect(logged?.msg).toContain('Could not resolve "./missing.ts"');
    expect(logged?.msg).toContain('broken/index.ts');
  });

  it('keeps serving the other bundles when one is broken', async () => {
    expect((await get('/components/good.js')).status).toBe(200);
  });

  it('answers 304 to a request carrying the bundle\'s ETag, strong or weak', async () => {
    const first = await get('/components/good.js');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/components/good.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/components/good.js', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    const changed = await get('/components/good.js', { 'if-none-match': '"other"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(etag);
  });

  it('answers 404 problem+json for an unknown component, shared code alone, or a folder without an entry', async () => {
    for (const path of ['/components/nope.js', '/components/shared.js', '/components/no-entry.js', '/components/good']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('builds a folder once per process, however many edges serve it', async () => {
    const again = bundleComponents(dir, logger);
    expect(again).toBe(bundleComponents(dir, logger));
    const bundles = await again;
    expect([...bundles.keys()].sort()).toEqual(['broken', 'good']);
    expect(lines.filter((line) => line.msg === 'web components bundled')).toHaveLength(1);
  });
});
