import type { Context } from 'hono';
import { problem, problemResponse } from '../problem.ts';
import type { Bundles } from './component-bundles.ts';

/**
 * `GET /components/<name>.js`: the bundle as `text/javascript` with an ETag; a matching
 * `If-None-Match` gets 304. `no-cache` makes the browser revalidate, so a restarted
 * process with new code is picked up while an unchanged bundle costs one small 304.
 */
export function componentRoute(bundles: () => Promise<Bundles>) {
  return async (c: Context): Promise<Response> => {
    const file = c.req.param('file') ?? '';
    const name = file.endsWith('.js') ? file.slice(0, -3) : undefined;
    const bundle = name === undefined ? undefined : (await bundles()).get(name);
    if (!bundle) return problemResponse(problem('not-found', 404, 'Not found', `no web component bundle ${file}`));
    if (!bundle.ok) return problemResponse(problem('bundle-failed', 500, 'Web component does not build', bundle.error));
    const headers = { etag: bundle.etag, 'cache-control': 'no-cache' };
    if (matches(c.req.header('if-none-match'), bundle.etag)) return c.body(null, 304, headers);
    return c.body(bundle.code, 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
  };
}

/** RFC 9110 weak comparison: any listed tag, `W/` or not, or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
