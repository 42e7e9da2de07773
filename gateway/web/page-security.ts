import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { setHeader } from '../security-headers.ts';
import { portalScript } from './pages.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The Content-Security-Policy of every page: scripts only from this origin (the bundles)
 * plus the portal's one inline script by its hash; no plugins, no `<base>`, forms to this
 * origin; `frame-ancestors 'none'` so no other site can frame a page (clickjacking).
 * Inline styles stay allowed: the components bind `style` attributes (widths, indents).
 */
export const pagePolicy = [
  "default-src 'self'",
  `script-src 'self' ${sha256(portalScript)}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For HTML answers: the policy, and `X-Frame-Options` for browsers without `frame-ancestors`. */
export function pageSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!/^text\/html/i.test(c.res.headers.get('content-type') ?? '')) return;
    setHeader(c, 'content-security-policy', pagePolicy);
    setHeader(c, 'x-frame-options', 'DENY');
  };
}
