import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on a free local port to `target`, for making a service unreachable to one
 * process only: `cut()` closes every connection through it and refuses new ones (the
 * process sees the broker go away), `restore()` accepts again.
 */
export class TcpProxy {
  readonly #sockets = new Set<Socket>();
  #open = true;

  private constructor(private readonly server: Server, readonly port: number) {}

  /** Listens on `port` (default: a free one the OS picks), e.g. one a process was told to use before anything listened there. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy!.#accept(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  /** A proxy to the AMQP broker at `url` (the test broker's, `environment.ts`); `proxy.url(url)` is then the way through it. */
  static toBroker(url: string): Promise<TcpProxy> {
    const broker = new URL(url);
    return TcpProxy.start({ host: broker.hostname === 'localhost' ? '127.0.0.1' : broker.hostname, port: Number(broker.port || 5672) });
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Closes every connection through the proxy and refuses new ones until `restore()`. */
  cut(): void {
    this.#open = false;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  restore(): void {
    this.#open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #accept(client: Socket, target: { host: string; port: number }): void {
    if (!this.#open) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.#sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
