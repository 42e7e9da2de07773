import type { Kysely } from 'kysely';
import type { ActorSystem, Envelope } from '../../../../actors/mod.ts';
import { ordersActor } from '../orders-actor.ts';
import type { OrdersTables } from '../order-store.ts';
import { claimDue, markPublished, recordFailure } from './publication-store.ts';
import { afterFailedPublish } from './publish-retry-schedule.ts';

export interface PublisherOptions {
  /** How often due publications are looked for, real ms. */
  pollInterval?: number;
  /** How long one attempt waits for the broker's confirm before it counts as failed, real ms. */
  attemptTimeout?: number;
  /** Publications per round. */
  batch?: number;
}

/**
 * Publishes the orders service's events from its publication log (spec, Orders): each due
 * one is published with confirms; a failure — the broker unreachable, refusing or not
 * confirming in time — schedules the next attempt on `publishRetrySchedule`, and after the
 * last one the event is parked for a person (`PUB-001`). The order was saved before: a
 * broker outage never loses or blocks it. Rows are claimed `FOR UPDATE SKIP LOCKED`, so
 * several processes may publish side by side; ids are stable, so a receiver's inbox drops a
 * copy sent twice (a timed-out publish the broker confirms later).
 */
export class OrderEventPublisher {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running = false;
  #again = false;

  constructor(private readonly system: () => ActorSystem, private readonly options: PublisherOptions = {}) {}

  /** Polls until the process ends (the timer never keeps it alive); rounds run one at a time. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.kick(), this.options.pollInterval ?? 250);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Publishes what is due now (e.g. right after an order was saved), or once more after the running round. */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    let system: ActorSystem;
    try {
      system = this.system();
    } catch {
      return; // not started (or stopped): nothing can be published yet
    }
    if (!system.operations.mailboxes.some((m) => m.actor.service === ordersActor.service && m.actor.landscape === ordersActor.landscape)) return;
    this.#running = true;
    this.publishDue(system)
      .catch((error: unknown) => system.logger.warn({ err: error, code: 'PUB-002' }, 'publishing order events failed; trying again'))
      .finally(() => {
        this.#running = false;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** One round: every due publication attempted once; answers how many were published. */
  async publishDue(system: ActorSystem): Promise<number> {
    return system.transaction(ordersActor, {}, async (context) => {
      const { db } = context;
      const due = await claimDue(db, system.clock.now(), this.options.batch ?? 100);
      const outcomes = await Promise.all(due.map((row) => this.#attempt(system, row.event as Envelope)));
      const now = system.clock.now();
      await markPublished(db, due.filter((_, i) => outcomes[i] === undefined).map((row) => row.id), now);
      for (const [i, row] of due.entries()) {
        const error = outcomes[i];
        if (error === undefined) continue;
        const attempts = row.attempts + 1;
        const next = afterFailedPublish(attempts, now, system.clock.scale);
        await recordFailure(db, row.id, attempts, next, error, now);
        if ('park' in next) system.logger.error({ code: 'PUB-001', messageId: row.id, attempts }, 'order event parked after its last publish retry');
        else system.logger.warn({ messageId: row.id, attempts, retryAt: new Date(next.retryAt).toISOString() }, 'order event not published; retrying later');
      }
      return outcomes.filter((e) => e === undefined).length;
    });
  }

  /** Undefined when the broker confirmed; otherwise why not. */
  async #attempt(system: ActorSystem, event: Envelope): Promise<string | undefined> {
    // While the connection is down the runtime would hold the publish until it is back;
    // the spec counts that as a failed attempt instead.
    if (!system.broker.connected) return 'broker unreachable';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('broker did not confirm in time'), this.options.attemptTimeout ?? 5_000);
    });
    try {
      return await Promise.race([system.bus.publish(ordersActor.landscape, event).then(() => undefined), timeout]);
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
