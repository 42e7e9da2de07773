import type { OutgoingFrame } from '../broker/confirm-publisher.ts';
import type { Delivery } from '../broker/subscription.ts';
import type { Logger } from '../logging/logger.ts';
import { withoutDeathHeaders } from '../messaging/park-record.ts';
import { republishProperties } from '../messaging/republish-properties.ts';

/**
 * Faults injected between the broker and the handlers, for chaos tests only (opt-in,
 * `ActorSystemOptions.chaos`; the app refuses it in production). Each is a fault the
 * runtime must survive anyway, made frequent:
 * - `duplicate`: the delivery is published again, unchanged (same message id), to the queue
 *   it came from, before it is handled: any process may get the copy, the inbox must
 *   drop it (rule 5);
 * - `drop`: the delivery is handed back to the broker unhandled (nack, requeue) as a
 *   consumer that died before handling it would: it is delivered again, so nothing is lost.
 *   Like any redelivery it may overtake a message behind it that is already delivered.
 */
export interface ChaosOptions {
  /** Share of deliveries (0..1) published once more. */
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
export function withChaos(
  handle: (delivery: Delivery) => Promise<void>,
  options: ChaosOptions,
  publish: (frame: OutgoingFrame) => Promise<void>,
  counts: ChaosCounts,
  logger: Logger,
): (delivery: Delivery) => Promise<void> {
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
      const { raw } = delivery;
      const properties = republishProperties(raw.properties, withoutDeathHeaders(raw.properties.headers));
      // Confirmed before the original is handled: the copy exists whatever happens next.
      await publish({ exchange: '', routingKey: delivery.queue, content: raw.content, properties })
        .then(() => { counts.duplicated += 1; })
        .catch((error: unknown) => logger.warn({ err: error, queue: delivery.queue }, 'chaos: the duplicate was not published'));
    }
    await handle(delivery);
  };
}
