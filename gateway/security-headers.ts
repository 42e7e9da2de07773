import type { Context, MiddlewareHandler } from 'hono';

/** On every response: no MIME sniffing (a JSON answer is never run as a script), no referrer leaving the site. */
export const commonSecurityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Adds `headers` to the response unless it has them; any response, also one built outside the context. */
export function withHeaders(headers: Readonly<Record<string, string>>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) setHeader(c, name, value);
  };
}

export function setHeader(c: Context, name: string, value: string): void {
  if (c.res.headers.has(name)) return;
  try {
    c.res.headers.set(name, value);
  } catch {
    c.res = new Response(c.res.body, c.res); // immutable headers (a fetched response)
    c.res.headers.set(name, value);
  }
}
