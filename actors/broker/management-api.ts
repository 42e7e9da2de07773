import { brokerNodes, firstNode } from './broker-nodes.ts';

/**
 * The few calls the runtime makes to RabbitMQ's management HTTP API: the plugin list (is
 * the consistent-hash exchange there?), the mailbox policies (settings that may change
 * between starts, see topology/mailbox-policy.ts) and what exists already (queues, their
 * arguments and bindings), which AMQP cannot list.
 */
export interface QueueInfo {
  name: string;
  arguments: Record<string, unknown>;
  consumers: number;
  /** The policy in effect, if any. */
  policy?: string;
}

export interface BindingInfo {
  source: string;
  destination: string;
  destination_type: 'queue' | 'exchange';
  routing_key: string;
  arguments: Record<string, unknown>;
}

export interface PolicyDefinition {
  pattern: string;
  definition: Record<string, unknown>;
  priority: number;
  'apply-to': 'queues' | 'exchanges' | 'all';
}

/** The API answered, but not with success. */
export class ManagementApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ManagementApiError';
  }
}

/** Nothing answered at the API's address (plugin not enabled, wrong URL, broker down). */
export class ManagementUnreachableError extends Error {
  constructor(readonly url: string, options: { cause: unknown }) {
    super(`the RabbitMQ management API at ${url} does not answer`, options);
    this.name = 'ManagementUnreachableError';
  }
}

export interface ManagementApi {
  /** The API's address without credentials, for messages. */
  readonly url: string;
  readonly user: string;
  readonly vhost: string;
  overview(): Promise<{ exchangeTypes: string[]; version: string; clusterName: string | undefined }>;
  putPolicy(name: string, policy: PolicyDefinition): Promise<void>;
  /** Queues whose name matches `pattern` (a regular expression), with their arguments. */
  queues(pattern: string): Promise<QueueInfo[]>;
  /** Bindings leading to a queue or an exchange; empty when it does not exist. */
  bindingsTo(kind: 'queue' | 'exchange', name: string): Promise<BindingInfo[]>;
  /** Bindings leading from an exchange; empty when it does not exist. */
  bindingsFrom(exchange: string): Promise<BindingInfo[]>;
  /** An exclusive queue's owning connection, if the broker knows one; undefined when the queue does not exist. */
  exclusiveOwner(queue: string): Promise<{ exclusive: boolean; owner: string | undefined } | undefined>;
  deleteQueue(queue: string): Promise<void>;
}

const timeout = 10_000;
/** Pauses before asking a read again that the broker answered with a server error. */
const serverErrorPauses = [100, 300, 1_000];

interface ApiNode {
  base: URL;
  auth: string;
  shown: string;
}

function apiNode(urlText: string): ApiNode {
  const base = new URL(urlText);
  const auth = `Basic ${btoa(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`)}`;
  base.username = '';
  base.password = '';
  return { base, auth, shown: base.toString().replace(/\/$/, '') };
}

/**
 * A client for `url` (credentials in the URL, as `AMQP_URL` carries them) and one virtual
 * host. fetch refuses URLs that carry credentials, so they travel as a basic-auth header.
 * `url` may list the APIs of several nodes of one cluster, comma-separated: a call goes to
 * the node that answered last and, when that one does not answer, to the next.
 */
export function managementApi(urlText: string, vhost: string): ManagementApi {
  const nodes = urlText.split(',').map((text) => text.trim()).filter(Boolean).map(apiNode);
  if (nodes.length === 0) throw new TypeError('no RabbitMQ management API URL given');
  let current = 0;
  const shown = nodes.map((node) => node.shown).join(',');
  const v = encodeURIComponent(vhost);

  const callOne = async (node: ApiNode, method: string, path: string, body?: unknown): Promise<Response> => {
    try {
      return await fetch(new URL(path, node.base), {
        method,
        headers: { authorization: node.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      throw new ManagementUnreachableError(node.shown, { cause: error });
    }
  };
  const callAnyNode = async (method: string, path: string, body?: unknown): Promise<Response> => {
    for (let tried = 0; ; tried++) {
      try {
        return await callOne(nodes[current]!, method, path, body);
      } catch (error) {
        if (tried + 1 >= nodes.length) throw error;
        current = (current + 1) % nodes.length;
      }
    }
  };
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response = await callAnyNode(method, path, body);
    // A listing can answer 500 with an empty body when a queue it lists is deleted while the
    // broker gathers its columns (seen in CI with other processes deleting their queues). A
    // read is safe to repeat, so it is asked again a few times before the answer stands.
    for (const pause of method === 'GET' ? serverErrorPauses : []) {
      if (response.status < 500) break;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, pause));
      response = await callAnyNode(method, path, body);
    }
    if (!response.ok && response.status !== 404) {
      throw new ManagementApiError(response.status, `${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    return response;
  };
  const json = async <T>(path: string, missing: T): Promise<T> => {
    const response = await call('GET', path);
    return response.status === 404 ? missing : ((await response.json()) as T);
  };

  return {
    url: shown,
    user: decodeURIComponent(new URL(urlText.split(',')[0]!.trim()).username),
    vhost,
    async overview() {
      const body = await json<{ exchange_types?: { name: string }[]; rabbitmq_version?: string; cluster_name?: string }>('/api/overview', {});
      return { exchangeTypes: (body.exchange_types ?? []).map((t) => t.name), version: body.rabbitmq_version ?? 'unknown', clusterName: body.cluster_name };
    },
    async putPolicy(name, policy) {
      await call('PUT', `/api/policies/${v}/${encodeURIComponent(name)}`, policy);
    },
    async queues(pattern) {
      const found: QueueInfo[] = [];
      // Paged: the name filter is applied on the broker, and only with pagination.
      for (let page = 1; ; page++) {
        const query = `page=${page}&page_size=500&use_regex=true&name=${encodeURIComponent(pattern)}&columns=name,arguments,consumers,policy`;
        const body = await json<{ items?: QueueInfo[]; page_count?: number }>(`/api/queues/${v}?${query}`, {});
        found.push(...(body.items ?? []).map((q) => ({ ...q, arguments: q.arguments ?? {}, consumers: q.consumers ?? 0 })));
        if (page >= (body.page_count ?? 0)) return found;
      }
    },
    bindingsTo(kind, name) {
      const path = kind === 'queue' ? `/api/queues/${v}/${encodeURIComponent(name)}/bindings` : `/api/exchanges/${v}/${encodeURIComponent(name)}/bindings/destination`;
      return json<BindingInfo[]>(path, []);
    },
    bindingsFrom(exchange) {
      return json<BindingInfo[]>(`/api/exchanges/${v}/${encodeURIComponent(exchange)}/bindings/source`, []);
    },
    async exclusiveOwner(queue) {
      const body = await json<{ exclusive?: boolean; owner_pid_details?: { name?: string } | [] } | undefined>(`/api/queues/${v}/${encodeURIComponent(queue)}`, undefined);
      if (!body) return undefined;
      const owner = Array.isArray(body.owner_pid_details) ? undefined : body.owner_pid_details?.name;
      return { exclusive: body.exclusive === true, owner };
    },
    async deleteQueue(queue) {
      await call('DELETE', `/api/queues/${v}/${encodeURIComponent(queue)}`);
    },
  };
}

/**
 * Where the management API of the broker at `amqpUrl` is: `explicit` if given, else the
 * same host and credentials on the plugin's default port, 15672 (for each node of a list).
 */
export function managementUrlFor(amqpUrl: string, explicit?: string): string {
  if (explicit) return explicit;
  return brokerNodes(amqpUrl).map((node) => {
    const amqp = new URL(node);
    const url = new URL('http://localhost:15672/');
    url.hostname = amqp.hostname;
    url.username = amqp.username || 'guest';
    url.password = amqp.password || 'guest';
    return url.toString();
  }).join(',');
}

/** The virtual host an AMQP URL names (its path; `/` when empty); of a list, the first node's (a cluster's nodes share them). */
export function vhostOf(amqpUrl: string): string {
  const path = new URL(firstNode(amqpUrl)).pathname;
  return path.length > 1 ? decodeURIComponent(path.slice(1)) : '/';
}
