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
 * (the runtime's edge port, `system.events`, which declares what it reads through the
 * runtime's topology and admits each delivery as a mailbox does: an unsigned or forged
 * event is dropped there and never reaches the hub, rule 15), fanned out in-process to the
 * SSE clients, with a bounded replay buffer per landscape. It reads each landscape's replay
 * stream, which every gateway replica reads in the same order: a client resuming after an
 * event this process never saw (it saw it on another replica, or before this one started)
 * is served from the stream's history, within the same bounds. Each event is decided once,
 * in arrival order, by its landscape's `StreamAccess` (who may read it, what they see), so
 * the clients only compare it with their reader; events replayed from the stream's history
 * are decided by the same rules when they are asked for. Subscribes on first use (or
 * `ready`), since the gateway may serve before the system runs.
 */
export class EventHub {
  readonly #landscapes = new Map<string, HubLandscape>();
  readonly #buffers = new Map<string, ReplayBuffer>();
  readonly #clients = new Map<string, Set<StreamClient>>();
  /** Requests waiting for one event (long polls), woken by it rather than polling. */
  readonly waiters = new EventWaiters();
  #started: Started | undefined;
  #closed = false;

  constructor(landscapes: readonly HubLandscape[], private readonly bounds: ReplayBounds = defaultReplayBounds, private readonly accessDeps: unknown = undefined) {
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
   * an id, or all of them), so nothing falls between the replay and the live events. An id
   * this process never buffered is looked up in the landscape's replay stream first.
   */
  async attach(landscape: string, client: StreamClient, replay?: { after?: string }): Promise<Attachment> {
    const clients = this.#clients.get(landscape);
    if (!clients) throw new RangeError(`landscape ${landscape} is not mounted`);
    const buffer = this.#buffers.get(landscape)!;
    const detach = () => { clients.delete(client); };
    const after = replay?.after;
    if (after !== undefined && !buffer.has(after) && buffer.evicted === 0) {
      const earlier = await this.#historyAfter(landscape, after);
      // Still complete since this process started reading (nothing evicted while the history was read)?
      if (earlier && buffer.evicted === 0) {
        clients.add(client);
        const missed = [...earlier.filter((e) => !buffer.has(e.event.id)), ...(buffer.after() ?? [])];
        const bytes = missed.reduce((sum, e) => sum + e.bytes, 0);
        // The bounds of the buffer: resumable only within the last `events` events and `bytes` bytes.
        return { missed: missed.length < this.bounds.events && bytes <= this.bounds.bytes ? missed : undefined, detach };
      }
    }
    clients.add(client);
    const missed = !replay ? [] : after === undefined ? buffer.after() : buffer.after(after);
    return { missed, detach };
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

  /** The events of the landscape's replay stream before this process read it, after the one with `id`, decided; undefined when the stream no longer holds it. */
  async #historyAfter(landscape: string, id: string): Promise<StreamedEvent[] | undefined> {
    const started = this.#started;
    if (!started) return undefined;
    const subscription = await started.ready;
    if (!subscription.history) return undefined;
    const logger = started.system.logger.child({ component: 'gateway-events' });
    let history;
    try {
      history = await subscription.history(landscape);
    } catch (error) {
      logger.warn({ err: error, landscape }, 'the replay stream could not be read; the client resumes live');
      return undefined;
    }
    const index = history.findIndex((h) => h.event.id === id);
    if (index < 0) return undefined;
    const seen = new Set<string>([id]);
    const decided: StreamedEvent[] = [];
    for (const { event, position } of history.slice(index + 1)) {
      if (seen.has(event.id)) continue; // a copy published again (at-least-once): once per client, as live
      seen.add(event.id);
      const streamed = await this.#decide(landscape, event, logger, position);
      if (streamed) decided.push(streamed);
    }
    return decided;
  }

  async #subscribe(system: ActorSystem, stillWanted: () => boolean): Promise<EdgeSubscription> {
    const logger = system.logger.child({ component: 'gateway-events' });
    const subscription = await system.events.subscribe({
      landscapes: this.landscapes,
      label: 'gateway',
      handle: (event, landscape, position) => this.#fanOut(landscape, event, logger, position),
      replay: { bytes: this.bounds.bytes },
    });
    // Replaced or closed while subscribing: nobody wants it any more.
    if (!stillWanted()) await subscription.stop();
    return subscription;
  }

  async #fanOut(landscape: string, event: Envelope, logger: Logger, position?: number): Promise<void> {
    this.waiters.offer(landscape, event);
    const streamed = await this.#decide(landscape, event, logger, position);
    if (!streamed || !this.#buffers.get(landscape)!.add(streamed)) return;
    for (const client of this.#clients.get(landscape)!) client.deliver(streamed);
  }

  /** Who may read the event and what they see (its landscape's `StreamAccess`); undefined when that cannot be decided. */
  async #decide(landscape: string, event: Envelope, logger: Logger, position?: number): Promise<StreamedEvent | undefined> {
    const access = this.#landscapes.get(landscape)!.access ?? operationsOnly;
    let readers: Readers;
    let shown: Envelope;
    try {
      readers = await access.readers(event, this.accessDeps);
      shown = access.redact ? access.redact(event) : event;
    } catch (error) {
      // Fail closed: an event whose readers cannot be decided is for no one.
      logger.error({ err: error, messageId: event.id, type: event.type }, 'stream access could not decide; event not streamed');
      return undefined;
    }
    return streamedEvent(shown, readers, position);
  }
}
