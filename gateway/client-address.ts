import type { Context } from 'hono';

/**
 * The address of the connection a request came in on, from the server's own bindings:
 * `@hono/node-server` puts the Node request in `c.env.incoming`, `Deno.serve` passes its
 * connection info (`remoteAddr`) as `c.env`. Headers such as `X-Forwarded-For` are not
 * trusted: any client can send them. `unknown` when served without a connection (tests
 * calling `app.request`).
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; remoteAddr?: { hostname?: string } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname ?? 'unknown';
}
