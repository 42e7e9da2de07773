/**
 * `AMQP_URL` may name several nodes of one RabbitMQ cluster, comma-separated
 * (`amqp://u:p@host1:5672/vh,amqp://u:p@host2:5672/vh`): the connection takes the first that
 * answers and, when a connection attempt fails or an open connection is lost, the next one.
 */
export function brokerNodes(amqpUrl: string): string[] {
  const nodes = amqpUrl.split(',').map((text) => text.trim()).filter((text) => text.length > 0);
  if (nodes.length === 0) throw new TypeError('AMQP_URL names no RabbitMQ node');
  for (const node of nodes) {
    let url: URL;
    try {
      url = new URL(node);
    } catch {
      throw new TypeError(`AMQP_URL must be amqp:// or amqps:// URLs, comma-separated; "${redactNode(node)}" is not a URL`);
    }
    if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') {
      throw new TypeError(`AMQP_URL must be amqp:// or amqps:// URLs, comma-separated; "${redactNode(node)}" is ${url.protocol}`);
    }
  }
  return nodes;
}

/** The first node: where the vhost and the user are read (every node of a cluster has the same). */
export function firstNode(amqpUrl: string): string {
  return brokerNodes(amqpUrl)[0]!;
}

function redactNode(text: string): string {
  return text.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

/** The fields amqplib reads from an object URL, read afresh on every connection attempt. */
export interface ConnectTarget {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly vhost: string;
  readonly heartbeat: number | undefined;
  readonly frameMax: number | undefined;
  readonly channelMax: number | undefined;
  readonly locale: string | undefined;
}

/**
 * Which node the next connection attempt goes to. amqplib's recovery opens every attempt
 * with the same `url` argument; given this cursor's `target` (an object URL whose fields
 * are getters) each attempt reads the node that is current then, and `next()` after a
 * failed attempt or a lost connection moves on, round the list.
 */
export class NodeCursor {
  #index = 0;
  readonly #nodes: URL[];

  constructor(readonly urls: readonly string[]) {
    this.#nodes = urls.map((url) => new URL(url));
  }

  get current(): string {
    return this.urls[this.#index]!;
  }

  get index(): number {
    return this.#index;
  }

  next(): void {
    this.#index = (this.#index + 1) % this.#nodes.length;
  }

  get target(): ConnectTarget {
    const node = () => this.#nodes[this.#index]!;
    const query = (name: string) => node().searchParams.get(name) ?? undefined;
    const int = (name: string) => { const value = query(name); return value === undefined ? undefined : Number.parseInt(value, 10); };
    return {
      get protocol() { return node().protocol.replace(/:$/, ''); },
      get hostname() { return node().hostname.replace(/^\[|\]$/g, ''); },
      get port() { return Number(node().port) || (node().protocol === 'amqps:' ? 5671 : 5672); },
      get username() { return node().username === '' && node().password === '' ? 'guest' : decodeURIComponent(node().username); },
      get password() { return node().username === '' && node().password === '' ? 'guest' : decodeURIComponent(node().password); },
      // Still escaped, as amqplib unescapes the vhost of an object URL itself.
      get vhost() { return node().pathname.slice(1); },
      get heartbeat() { return int('heartbeat'); },
      get frameMax() { return int('frameMax') ?? 131_072; },
      get channelMax() { return int('channelMax'); },
      get locale() { return query('locale'); },
    };
  }
}
