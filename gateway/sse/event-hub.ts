import type { ActorSystem, EdgeSubscription, Envelope, Logger } from '../../actors/mod.ts';
import { SystemUnavailableError } from '../problem-mapping.ts';
import { EventWaiters } from './event-waiters.ts';
import { ReplayBuffer, defaultReplayBounds, type ReplayBounds } from './replay-buffer.ts';
import { operationsOnly, type Readers, type StreamAccess } from './stream-access.ts';
import { streamedEvent, type StreamedEvent } from './streamed-event.ts';

/** One connected SSE client, as the hub sees it. */
export interface StreamClient {
  deliver(streamed: StreamedEvent): void;
  /** The hub is closing: finish the stream. */
  end(): void;
}

export interface Attachment {
  /** The buffered events asked for; undefined when the id to resume after is not in the buffer. */
  missed: StreamedEvent[] | undefined;
  detach(): void;
}

/** A landscape whose events the hub streams, with its rules for who reads what. */
export interface HubLandscape {
  name: string;
  access?: StreamAccess<any> | undefined;
}

interface Started {
  system: ActorSystem;
  ready: Promise<EdgeSubscription>;
}

/**
 * ONE broker subscription per gateway process for the events of every mounted landscape
 * (the runtime's edge port, `system.events`, which declares its queue through the runtime's
 * topology and admits each delivery as a mailbox does: an unsigned or forged event is
 * dropped there and never reaches the hub, rule 15), fanned out in-process to the SSE
 * clients, with a bounded replay buffer per landscape. Each event is then decided once, in
 * arrival order, by its landscape's `StreamAccess` (who may read it, what they see), so
 * the clients only compare it with their reader. Subscribes on first use (or `ready`),
 * since the gateway may serve before the system runs.
 */
export class EventHub {
  readonly #landscapes = new Map<string, HubLandscape>();
  readonly #buffers = new Map<string, ReplayBuffer>();
  readonly #clients = new Map<string, Set<StreamClient>>();
  /** Requests waiting for one event (long polls), woken by it rather than polling. */
  readonly waiters = new EventWaiters();
  #started: Started | undefined;
  #closed = false;

  constructor(landscapes: readonly HubLandscape[], bounds: ReplayBounds = defaultReplayBounds, private readonly accessDeps: unknown = undefined) {
    for (const landscape of landscapes) {
      this.#landscapes.set(landscape.name, landscape);
      this.#buffers.set(landscape.name, new ReplayBuffer(bounds));
      this.#clients.set(landscape.name, new Set());
    }
  }

  get landscapes(): string[] {
    return [...this.#landscapes.keys()];
  }

  /** Resolves once the gateway's queue is declared and consumed for `system`. */
  async ready(system: ActorSystem): Promise<void> {
    if (this.#closed) throw new SystemUnavailableError('the gateway is stopping');
    if (this.#landscapes.size === 0) return; // nothing to stream: no queue
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

  /** The replay buffer of a landscape (for its bounds and size). */
  buffer(landscape: string): ReplayBuffer | undefined {
    return this.#buffers.get(landscape);
  }

  /** Ends every stream and stops consuming; the exclusive queue goes with its consumer. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const clients of this.#clients.values()) for (const client of [...clients]) client.end();
    this.waiters.close();
    const started = this.#started;
    this.#started = undefined;
    await started?.ready.then((s) => s.stop()).catch(() => {});
  }

  async #subscribe(system: ActorSystem, stillWanted: () => boolean): Promise<EdgeSubscription> {
    const logger = system.logger.child({ component: 'gateway-events' });
    const subscription = await system.events.subscribe({
      landscapes: this.landscapes,
      label: 'gateway',
      handle: (event, landscape) => this.#fanOut(landscape, event, logger),
    });
    // Replaced or closed while subscribing: nobody wants it any more.
    if (!stillWanted()) await subscription.stop();
    return subscription;
  }

  async #fanOut(landscape: string, event: Envelope, logger: Logger): Promise<void> {
    this.waiters.offer(landscape, event);
    const access = this.#landscapes.get(landscape)!.access ?? operationsOnly;
    let readers: Readers;
    let shown: Envelope;
    try {
      readers = await access.readers(event, this.accessDeps);
      shown = access.redact ? access.redact(event) : event;
    } catch (error) {
      // Fail closed: an event whose readers cannot be decided is for no one.
      logger.error({ err: error, messageId: event.id, type: event.type }, 'stream access could not decide; event not streamed');
      return;
    }
    const streamed = streamedEvent(shown, readers);
    if (!this.#buffers.get(landscape)!.add(streamed)) return;
    for (const client of this.#clients.get(landscape)!) client.deliver(streamed);
  }
}
