import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManagementApiError, managementApi } from '../../../actors/broker/management-api.ts';

/** An HTTP server that answers each request with the next status of `statuses` (the last one repeats). */
async function serverAnswering(statuses: number[]): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(status === 200 ? JSON.stringify({ items: [{ name: 'q', arguments: {}, consumers: 1 }], page_count: 1 }) : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://guest:guest@127.0.0.1:${port}`, requests };
}

describe('the management API client', () => {
  const servers: Server[] = [];
  afterEach(() => { for (const server of servers.splice(0)) server.close(); });

  it('asks a read again that the broker answered with a server error (a queue listed while it is deleted)', async () => {
    const { server, url, requests } = await serverAnswering([500, 500, 200]);
    servers.push(server);
    const queues = await managementApi(url, '/').queues('^q$');
    expect(queues.map((q) => q.name)).toEqual(['q']);
    expect(requests).toHaveLength(3);
  });

  it('gives up on a read after a few server errors, and never repeats a write', async () => {
    const failing = await serverAnswering([500]);
    servers.push(failing.server);
    await expect(managementApi(failing.url, '/').queues('^q$')).rejects.toBeInstanceOf(ManagementApiError);
    expect(failing.requests).toHaveLength(4);

    const writes = await serverAnswering([500]);
    servers.push(writes.server);
    await expect(managementApi(writes.url, '/').deleteQueue('q')).rejects.toBeInstanceOf(ManagementApiError);
    expect(writes.requests).toHaveLength(1);
  });
});
