import { decodeMessage, type ActorSystem, type Delivery, type Envelope, type Subscription } from '../../actors/mod.ts';
import { SystemUnavailableError } from '../problem-mapping.ts';
import { declareGatewayQueue, gatewayQueueName } from './gateway-queue.ts';
import { ReplayBuffer } from './replay-buffer.ts';

/** One connected SSE client, as the hub sees it. */
export interface StreamClient {
  deliver(event: Envelope): void;
  /** The hub is closing: finish the stream. */
  end(): void;
}

export interface Attachment {
  /** The buffered events asked for; undefined when the id to resume after is not in the buffer. */
  missed: Envelope[] | undefined;
  detach(): void;
}

interface Started {
  system: ActorSystem;
  ready: Promise<Subscription>;
}

/**
 * ONE broker subscription per gateway process for the events of every mounted landscape,
 * fanned out in-process to the SSE clients, with a bounded replay buffer per landscape.
 * Subscribes on first use (or `ready`), since the gateway may serve before the system runs.
 */
export class EventHub {
  readonly #buffers = new Map<string, ReplayBuffer>();
  readonly #clients = new Map<string, Set<StreamClient>>();
  #started: Started | undefined;
  #closed = false;

  constructor(readonly landscapes: readonly string[], replayCapacity: number) {
    for (const landscape of landscapes) {
      this.#buffers.set(landscape, new ReplayBuffer(replayCapacity));
      this.#clients.set(landscape, new Set());
    }
  }

  /** Resolves once the gateway's queue is declared and consumed for `system`. */
  async ready(system: ActorSystem): Promise<void> {
    if (this.#closed) throw new SystemUnavailableError('the gateway is stopping');
    if (this.landscapes.length === 0) return; // nothing to stream: no queue
    let started = this.#started;
    if (started?.system !== system) {
      void started?.ready.then((s) => s.stop()).catch(() => {});
      // Current before subscribing: the declaration hook asks at once whether it is still wanted.
      const current = { system } as Started;
      this.#started = started = current;
      current.ready = this.#subscribe(system, () => this.#started === current && !this.#closed);
      // A failed start is tried again by the next stream rather than remembered.
      current.ready.catch(() => { if (this.#started === current) this.#started = undefined; });
    }
    await started.ready;
  }

  /**
   * Adds a client and, in the same turn, takes the buffered events it asks for (`after`
   * an id, or all of them), so nothing falls between the replay and the live events.
   */
  attach(landscape: string, client: StreamClient, replay?: { after?: string }): Attachment {
    const clients = this.#clients.get(landscape);
    if (!clients) throw new RangeError(`landscape ${landscape} is not mounted`);
    clients.add(client);
    const buffer = this.#buffers.get(landscape)!;
    const missed = !replay ? [] : replay.after === undefined ? buffer.after() : buffer.after(replay.after);
    return { missed, detach: () => { clients.delete(client); } };
  }

  /** Connected SSE clients, over all landscapes. */
  get activeStreams(): number {
    let count = 0;
    for (const clients of this.#clients.values()) count += clients.size;
    return count;
  }

  /** Ends every stream and stops consuming; the exclusive queue goes with its consumer. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const clients of this.#clients.values()) for (const client of [...clients]) client.end();
    const started = this.#started;
    this.#started = undefined;
    await started?.ready.then((s) => s.stop()).catch(() => {});
  }

  async #subscribe(system: ActorSystem, stillWanted: () => boolean): Promise<Subscription> {
    const queue = gatewayQueueName(system);
    const landscapeOf = new Map(this.landscapes.map((l) => [system.names.events(l), l]));
    await declareGatewayQueue(system, queue, this.landscapes, stillWanted);
    const logger = system.logger.child({ component: 'gateway-events', queue });
    return system.broker.subscribe({
      queue, logger,
      // One at a time keeps the broker's order in the buffer and on every stream.
      prefetch: 100, concurrency: 1,
      handle: async (delivery: Delivery) => {
        delivery.ack();
        const decoded = decodeMessage(delivery.raw);
        const landscape = landscapeOf.get(delivery.raw.fields.exchange);
        if (!decoded.ok) logger.warn({ reason: decoded.reason }, 'unreadable event not streamed');
        else if (landscape) this.#fanOut(landscape, decoded.message);
      },
    });
  }

  #fanOut(landscape: string, event: Envelope): void {
    if (!this.#buffers.get(landscape)!.add(event)) return;
    for (const client of this.#clients.get(landscape)!) client.deliver(event);
  }
}
