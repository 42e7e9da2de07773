import type { ActorSystem } from '../../actors/mod.ts';

/** How full a queue is and who consumes it. `unacked` is known only to the management API. */
export interface QueueCounts {
  consumers: number;
  ready: number;
  unacked: number | null;
}

export interface ManagementApi {
  /** e.g. `http://guest:guest@localhost:15672`; the credentials become a basic-auth header. */
  url: string;
  vhost: string;
  /** Per request, ms; default 2000. */
  timeout?: number;
}

/** After a failed call the management API is left alone this long, so a list does not wait on timeouts each time. */
const backOff = 30_000;

/**
 * Queue counts from the RabbitMQ management HTTP API when it answers, else from AMQP
 * `checkQueue` (ready messages and consumers, but not unacked). The management API's figures
 * are its last statistics round (every 5 s by default), so they may lag a little.
 */
export class QueueStats {
  #unreachableUntil = 0;

  constructor(private readonly management: ManagementApi | undefined) {}

  async of(system: ActorSystem, queue: string): Promise<QueueCounts> {
    return (await this.#fromManagement(queue)) ?? this.#fromBroker(system, queue);
  }

  async #fromManagement(queue: string): Promise<QueueCounts | undefined> {
    if (!this.management || Date.now() < this.#unreachableUntil) return undefined;
    try {
      const response = await managementFetch(this.management, `/api/queues/${encodeURIComponent(this.management.vhost)}/${encodeURIComponent(queue)}`);
      if (!response.ok) {
        await response.body?.cancel();
        // 404: not yet in the management database (a queue just declared); the broker knows.
        if (response.status !== 404) this.#unreachableUntil = Date.now() + backOff;
        return undefined;
      }
      const body = (await response.json()) as Record<string, unknown>;
      const ready = body.messages_ready;
      const consumers = body.consumers;
      // A queue's first statistics round may not have happened yet: no counts in the body.
      if (typeof ready !== 'number' || typeof consumers !== 'number') return undefined;
      const unacked = body.messages_unacknowledged;
      return { consumers, ready, unacked: typeof unacked === 'number' ? unacked : null };
    } catch {
      this.#unreachableUntil = Date.now() + backOff;
      return undefined;
    }
  }

  async #fromBroker(system: ActorSystem, queue: string): Promise<QueueCounts> {
    return { ...(await system.operations.queueCounts(queue)), unacked: null };
  }
}

/** The first node of the list (a cluster's, comma-separated) that answers. */
async function managementFetch(api: ManagementApi, path: string): Promise<Response> {
  const urls = api.url.split(',').map((text) => text.trim()).filter(Boolean);
  for (const [i, url] of urls.entries()) {
    try {
      return await fetchFrom(url, api, path);
    } catch (error) {
      if (i === urls.length - 1) throw error;
    }
  }
  throw new TypeError('no RabbitMQ management API URL given');
}

/** fetch refuses URLs carrying credentials: they move into a basic-auth header. */
function fetchFrom(urlText: string, api: ManagementApi, path: string): Promise<Response> {
  const url = new URL(urlText);
  const headers = new Headers();
  if (url.username || url.password) {
    headers.set('authorization', `Basic ${btoa(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`)}`);
  }
  url.username = '';
  url.password = '';
  return fetch(new URL(path, url), { headers, signal: AbortSignal.timeout(api.timeout ?? 2_000) });
}
