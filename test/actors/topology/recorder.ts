import { createCommand, defineActor, type ActorDefinition, type ActorSystem, type MailboxOptions } from '../../../actors/mod.ts';
import { sleep } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

/**
 * A test actor that records what it handled: how often each message id (to show none is
 * handled twice or lost) and, per partition key, the sequence numbers in handling order.
 */
export class Recorder {
  readonly handled = new Map<string, number>();
  readonly byKey = new Map<string, number[]>();
  readonly log: string[] = [];
  readonly sent: Array<{ id: string; key: string; sequence: number }> = [];

  constructor(readonly landscape: string, readonly service: string) {}

  actor(options: { partitions?: number; mailbox?: MailboxOptions; concurrency?: number; work?: number; label?: string; failFirst?: (sequence: number) => boolean; retry?: number[] } = {}): ActorDefinition {
    const failed = new Set<string>();
    return defineActor({
      landscape: this.landscape,
      service: this.service,
      ...(options.partitions ? { partitions: options.partitions } : {}),
      ...(options.mailbox ? { mailbox: options.mailbox } : {}),
      concurrency: options.concurrency ?? 1,
      retry: options.retry ?? [200],
      commands: {
        Record: async (message) => {
          const sequence = Number(message.data.sequence);
          if (options.failFirst?.(sequence) && !failed.has(message.id)) {
            failed.add(message.id);
            throw new Error('fails once, to be retried through the waiting rooms');
          }
          if (options.work) await sleep(options.work);
          const key = String(message.metadata.partitionKey);
          this.handled.set(message.id, (this.handled.get(message.id) ?? 0) + 1);
          this.byKey.set(key, [...(this.byKey.get(key) ?? []), sequence]);
          this.log.push(`${options.label ?? ''}:${key}:${sequence}`);
        },
      },
    });
  }

  /** Sends `perKey` more messages for each key, each key's in sequence order (one publish after the other). */
  async send(system: ActorSystem, keys: readonly string[], perKey: number): Promise<void> {
    await Promise.all(keys.map(async (key) => {
      for (let i = 0; i < perKey; i++) await this.sendOne(system, key, (this.#sequences.get(key) ?? 0) + 1);
    }));
  }

  async sendOne(system: ActorSystem, key: string, sequence: number): Promise<void> {
    this.#sequences.set(key, sequence);
    const command = createCommand('Record', { sequence }, { source: 'test', partitionKey: key });
    this.sent.push({ id: command.id, key, sequence });
    await testInternals(system).bus.send(this.landscape, this.service, command);
  }

  readonly #sequences = new Map<string, number>();

  get allHandled(): boolean {
    return this.sent.every((s) => this.handled.has(s.id));
  }

  /** Every sent message handled exactly once, and each key's in the order sent. */
  check(): { missing: number; twice: number; outOfOrder: string[] } {
    const missing = this.sent.filter((s) => !this.handled.has(s.id)).length;
    const twice = [...this.handled.values()].filter((n) => n > 1).length;
    const outOfOrder = [...this.byKey].filter(([, seq]) => seq.some((n, i) => i > 0 && n <= seq[i - 1]!)).map(([key]) => key);
    return { missing, twice, outOfOrder };
  }
}

export function keysNamed(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
}

/**
 * Keeps sending one message per key (a round), then pauses `pauseMs`, until stopped: publishers
 * do not stop for a restart. How many arrive meanwhile grows with how long a start takes, so the
 * pause bounds it: every 10–20 ms, a loaded machine's slow starts queued thousands, more than the
 * handlers took within the tests' waits (none lost).
 */
export function keepSending(recorder: Recorder, system: ActorSystem, keys: readonly string[], pauseMs: number): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await recorder.send(system, keys, 1);
      await sleep(pauseMs);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}
