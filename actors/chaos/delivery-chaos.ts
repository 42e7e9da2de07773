import type { Delivery } from '../broker/subscription.ts';

/**
 * Faults injected between the broker and the handlers, for chaos tests only (opt-in,
 * `ActorSystemOptions.chaos`; the app refuses it in production). Each is a fault the
 * runtime must survive anyway, made frequent:
 * - `duplicate`: the delivery is handled twice, as a redelivery after a lost ack would be:
 *   first a copy whose settling goes nowhere, then the delivery itself, which must find the
 *   inbox row of the first and change nothing (rule 5). Not a second copy published to the
 *   queue: in a bounded mailbox that copy would take a place, and under drop-head push out
 *   another message, which no broker redelivery does (the first chaos runs did exactly that
 *   to the restaurant's cooks);
 * - `drop`: the delivery is handed back to the broker unhandled (nack, requeue) as a
 *   consumer that died before handling it would: it is delivered again, so nothing is lost.
 *   Like any redelivery it may overtake a message behind it that is already delivered.
 */
export interface ChaosOptions {
  /** Share of deliveries (0..1) handled twice. */
  duplicate?: number;
  /** Share of deliveries (0..1) requeued before the handler. */
  drop?: number;
  /** Default Math.random; a seeded one makes a run repeatable. */
  random?: () => number;
}

export interface ChaosCounts {
  deliveries: number;
  duplicated: number;
  dropped: number;
}

/** `duplicate:0.1,drop:0.1` (ACTORS_CHAOS) → options; a clear error on anything else. */
export function parseChaos(text: string | undefined): ChaosOptions | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const options: ChaosOptions = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, share, extra] = part.split(':');
    const value = Number(share);
    if ((kind !== 'duplicate' && kind !== 'drop') || extra !== undefined || share === undefined || share.trim() === '' || !(value >= 0 && value <= 1)) {
      throw new RangeError(`ACTORS_CHAOS must be like "duplicate:0.1,drop:0.1" (shares between 0 and 1), got "${text}"`);
    }
    options[kind] = value;
  }
  return options;
}

/** Wraps a subscription's handler with the faults; `counts` is updated as they happen. */
export function withChaos(handle: (delivery: Delivery) => Promise<void>, options: ChaosOptions, counts: ChaosCounts): (delivery: Delivery) => Promise<void> {
  const random = options.random ?? Math.random;
  const drop = options.drop ?? 0;
  const duplicate = options.duplicate ?? 0;
  return async (delivery) => {
    counts.deliveries += 1;
    if (random() < drop) {
      counts.dropped += 1;
      delivery.requeue();
      return;
    }
    if (random() < duplicate) {
      counts.duplicated += 1;
      await handle(unsettled(delivery));
    }
    await handle(delivery);
  };
}

/** The same message, its ack and requeue going nowhere: the broker still waits for the real one's. */
function unsettled(delivery: Delivery): Delivery {
  return { raw: delivery.raw, queue: delivery.queue, ack: () => {}, requeue: () => {} };
}
