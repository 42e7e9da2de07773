import type { Hono } from 'hono';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Serves the app with the runtime's own server: Deno.serve on Deno, @hono/node-server on Node. */
export async function serve(app: Pick<Hono<any, any, any>, 'fetch'>, port: number): Promise<RunningServer> {
  const deno = (globalThis as { Deno?: DenoServe }).Deno;
  if (deno) {
    const server = deno.serve({ port, onListen: () => {} }, app.fetch);
    return { port: server.addr.port, close: () => server.shutdown() };
  }
  const { serve: nodeServe } = await import('@hono/node-server');
  return new Promise((resolve, reject) => {
    const server = nodeServe({ fetch: app.fetch, port }, (info) => {
      resolve({ port: info.port, close: () => new Promise((done) => server.close(() => done())) });
    });
    server.once('error', reject); // e.g. EADDRINUSE: the start names it (START-012) rather than crashing
  });
}

interface DenoServe {
  serve(options: { port: number; onListen: () => void }, handler: (request: Request) => Response | Promise<Response>): {
    addr: { port: number };
    shutdown(): Promise<void>;
  };
}
