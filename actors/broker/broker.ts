import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, RecoveringChannelModel } from 'amqplib';
import { onChannel } from './on-channel.ts';
import { after, sleep, type Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { AmqplibFastPaths } from '../fast-paths/amqplib.ts';
import { brokerNodes, NodeCursor } from './broker-nodes.ts';
import { ConfirmPublisher, type OutgoingFrame } from './confirm-publisher.ts';
import { Subscription, type SubscriptionOptions } from './subscription.ts';

export interface BrokerOptions {
  /** One node's AMQP URL, or several nodes of a cluster comma-separated (`broker-nodes.ts`). */
  url: string;
  logger: Logger;
  /** Its timers: channel reopening, the close timeout. */
  clock: Clock;
  /** Shown in the management UI's connection list. */
  connectionName?: string;
  /** How long a graceful close waits for unconfirmed publishes. */
  closeTimeout?: number;
  /**
   * Decides on each failed attempt of the first connection: an error to give up with (a
   * misconfiguration such as a refused login), or undefined to keep waiting for the broker.
   * Without it the first connection is waited for however it fails.
   */
  onFirstConnectFailure?: (error: Error) => Error | undefined;
  /** amqplib's fast paths (`fast-paths/amqplib.ts`); default on. */
  fastPaths?: boolean;
}

type ConnectedHook = (model: ChannelModel) => Promise<void>;

export type ConnectionStatus = 'connected' | 'disconnected';

/** How long one connection attempt (TCP and AMQP handshake) may take. */
const connectTimeout = 15_000;

/** Pause before reopening a channel the broker closed while the connection stayed up. */
const reopenDelay = 500;

/**
 * One connection per process (rule 4). amqplib's recovery reconnects; on every
 * (re)connection the broker re-runs its hooks (topology), reopens its subscriptions and
 * only then sends the publishes held while it was away.
 */
export class Broker {
  #connection!: RecoveringChannelModel;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #hooks: ConnectedHook[] = [];
  readonly #subscriptions = new Set<Subscription>();
  readonly #statusListeners = new Set<(status: ConnectionStatus) => void>();
  readonly #publisher: ConfirmPublisher;
  readonly #closeTimeout: number;
  readonly #fastPaths: AmqplibFastPaths;
  #model: ChannelModel | undefined;
  #connectedWaiters: Array<(model: ChannelModel) => void> = [];
  #closing = false;
  #connections = 0;
  readonly #nodes: NodeCursor;

  private constructor(options: BrokerOptions) {
    this.#nodes = new NodeCursor(brokerNodes(options.url));
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#closeTimeout = options.closeTimeout ?? 10_000;
    this.#fastPaths = new AmqplibFastPaths(options.fastPaths ?? true, options.logger);
    this.#publisher = new ConfirmPublisher(() => this.#reopenPublisher(), undefined, (channel) => this.#fastPaths.publisherFor(channel));
  }

  /** Connects (waiting for the broker if it is not up yet) and keeps reconnecting until closed. */
  static async connect(options: BrokerOptions): Promise<Broker> {
    const broker = new Broker(options);
    const nodes = broker.#nodes;
    // One node: its URL as given. Several: an object URL whose fields follow the cursor.
    const url = nodes.urls.length === 1 ? nodes.current : (nodes.target as unknown as amqp.Options.Connect);
    const connection = await amqp.connect(url, {
      clientProperties: { connection_name: options.connectionName ?? 'actors' },
      // amqplib leaves Nagle's algorithm on: a small frame (an ack, a publish) sent while an
      // earlier one is unacknowledged waits for the peer's delayed ACK, about 40 ms. Measured
      // one command round trip: p95 42 ms with it, see the commit.
      noDelay: true,
      // A node that accepts the TCP connection but never completes the handshake (one still
      // booting, seen in the chaos run) would hold the attempt for ever: it fails, and the next
      // attempt goes to the next node of the list.
      timeout: connectTimeout,
      recovery: {
        initialDelay: 100,
        maxDelay: 5_000,
        waitForConnect: false,
        setup: (model: ChannelModel) => broker.#setup(model),
      },
    });
    broker.#connection = connection;
    broker.#bind(connection);
    const givenUp = new Promise<never>((_, reject) => {
      connection.on('connect-failed', (error: Error) => {
        if (broker.#connections > 0) return;
        const fatal = options.onFirstConnectFailure?.(error);
        if (!fatal) return;
        reject(fatal);
        void connection.close().catch(() => {});
      });
    });
    givenUp.catch(() => {}); // settled by the race below, or never
    await Promise.race([connection.waitForConnect(), givenUp]);
    return broker;
  }

  /** The node the connection is on (or tries next), without credentials. */
  get node(): string {
    const url = new URL(this.#nodes.current);
    return `${url.hostname}:${url.port || 5672}`;
  }

  get connected(): boolean {
    return this.#model !== undefined;
  }

  /** What the broker said of itself when the connection opened (`cluster_name`, `version`, …). */
  get serverProperties(): Record<string, unknown> {
    return (this.#model?.connection as unknown as { serverProperties?: Record<string, unknown> } | undefined)?.serverProperties ?? {};
  }

  /** How many times a connection was set up (1 until the first recovery). */
  get connectionCount(): number {
    return this.#connections;
  }

  /** Tells `listener` whenever the connection is lost or (re)established; returns an unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Publishes resolve once confirmed; while disconnected they are held and re-sent later. */
  publish(frame: OutgoingFrame): Promise<void> {
    return this.#publisher.publish(frame);
  }

  /** Runs `hook` now (when connected) and again on every reconnection, before held publishes go out. */
  async onConnected(hook: ConnectedHook): Promise<void> {
    this.#hooks.push(hook);
    if (this.#model) await hook(this.#model);
    else await this.#nextConnection(); // the next set-up runs it
  }

  /** Runs `hook` on every later (re)connection, not now, before held publishes go out. */
  afterReconnect(hook: ConnectedHook): void {
    this.#hooks.push(hook);
  }

  /** Starts consuming a queue; the subscription survives reconnections. */
  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    const subscription = new Subscription(options, (lost) => this.#reopenSubscription(lost));
    this.#subscriptions.add(subscription);
    if (this.#model) await subscription.open(this.#model);
    else await this.#nextConnection(); // the next set-up opens it
    return subscription;
  }

  /** A short-lived channel for one operation; a broker error closes only that channel. */
  async withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    return onChannel(this.#model ?? (await this.#nextConnection()), work);
  }

  /** Graceful close: stop consuming, let handlers finish, wait for confirms, close. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    const unconfirmed = await Promise.race([
      this.#publisher.idle().then(() => 0),
      sleep(this.#clock, this.#closeTimeout).then(() => this.#publisher.pending),
    ]);
    if (unconfirmed > 0) this.#logger.warn({ unconfirmed, code: 'AMQP-002' }, 'closing with unconfirmed publishes');
    await this.#connection.close().catch(() => {});
  }

  /**
   * Topology first (a failure here fails the connection attempt and recovery tries
   * again), then subscriptions, then the held publishes.
   */
  async #setup(model: ChannelModel): Promise<void> {
    this.#fastPaths.onConnection(model.connection);
    await this.#runHooks(model);
    const channel = await model.createConfirmChannel();
    model.once('close', () => { if (this.#model === model) this.#model = undefined; });
    this.#model = model;
    this.#connections += 1;
    for (const subscription of this.#subscriptions) {
      await subscription.open(model).catch((error: unknown) => {
        this.#logger.warn({ err: error, queue: subscription.queue }, 'could not reopen a subscription; trying again');
      });
    }
    this.#publisher.attach(channel);
    for (const resolve of this.#connectedWaiters.splice(0)) resolve(model);
    this.#announce('connected');
  }

  async #runHooks(model: ChannelModel): Promise<void> {
    // Indexed: a hook registered while this runs is run too.
    for (let i = 0; i < this.#hooks.length; i++) await this.#hooks[i]!(model);
  }

  #announce(status: ConnectionStatus): void {
    for (const listener of this.#statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.#logger.error({ err: error }, 'connection status listener failed');
      }
    }
  }

  #bind(connection: RecoveringChannelModel): void {
    // Before recovery schedules the next attempt: it goes to the next node of the list.
    connection.on('disconnect', () => this.#nodes.next());
    connection.on('connect-failed', () => this.#nodes.next());
    connection.on('disconnect', (error: Error) => {
      this.#model = undefined;
      if (!this.#closing) this.#logger.warn({ err: error, code: 'AMQP-001' }, 'broker connection lost; recovering');
      this.#announce('disconnected');
    });
    connection.on('connect-failed', (error: Error) => {
      // Before the first connection the start-up reports the wait (START-001) itself.
      if (this.#connections > 0) this.#logger.warn({ err: error }, 'broker connection attempt failed');
    });
    connection.on('connect', () => { if (this.#connections > 1) this.#logger.info({ node: this.node }, 'broker connection recovered'); });
    connection.on('error', (error: Error) => this.#logger.warn({ err: error }, 'broker connection error'));
    connection.on('handler-error', (error: Error) => this.#logger.error({ err: error }, 'broker event handler failed'));
  }

  #nextConnection(): Promise<ChannelModel> {
    return new Promise((resolve) => this.#connectedWaiters.push(resolve));
  }

  #reopenPublisher(): void {
    const model = this.#model;
    if (!model || this.#closing) return; // a reconnection attaches a new channel
    after(this.#clock, reopenDelay, () => {
      if (this.#model !== model || this.#publisher.attached) return;
      model.createConfirmChannel()
        .then((channel: ConfirmChannel) => this.#publisher.attach(channel))
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'could not reopen the publish channel'));
    });
  }

  #reopenSubscription(subscription: Subscription): void {
    const model = this.#model;
    if (!model || this.#closing) return;
    // The queue may have been deleted (the broker cancels the consumer): the hooks declare it again.
    after(this.#clock, reopenDelay, () => {
      if (this.#model !== model || subscription.stopped) return;
      this.#runHooks(model)
        .then(() => subscription.open(model))
        .catch((error: unknown) => {
          this.#logger.warn({ err: error, queue: subscription.queue }, 'could not reopen a subscription; trying again');
        });
    });
  }
}
