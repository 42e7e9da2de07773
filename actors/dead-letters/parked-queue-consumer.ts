import type { ConsumeMessage } from 'amqplib';
import type { Broker } from '../broker/broker.ts';
import type { Subscription } from '../broker/subscription.ts';
import { headers } from '../envelope/headers.ts';
import { sleep, type Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * Pauses between attempts to record one delivery. Retried in place rather than requeued
 * at once: a requeue would make a database outage a busy loop, and every requeue counts
 * towards a quorum queue's delivery limit.
 */
const recordRetryDelays = [250, 1_000, 4_000];

/**
 * Consumes one parked queue: each delivery is recorded, then acked, so a message leaves
 * the broker only once the dead-letter office holds it. If it cannot be recorded it is
 * handed back to the broker (the subscription requeues what its handler throws).
 */
export function consumeParkedQueue(
  broker: Broker,
  parkedQueue: string,
  logger: Logger,
  clock: Clock,
  record: (raw: ConsumeMessage) => Promise<boolean>,
): Promise<Subscription> {
  return broker.subscribe({
    queue: parkedQueue,
    prefetch: 20,
    concurrency: 4,
    logger,
    handle: async (delivery) => {
      const raw = delivery.raw;
      const fresh = await withRetries(clock, () => record(raw), (error, attempt) => {
        logger.warn({ err: error, queue: parkedQueue, attempt }, 'could not record a dead letter; trying again');
      });
      delivery.ack();
      if (!fresh) return;
      const reason = raw.properties.headers?.['x-first-death-reason'];
      // The worker that parked a message logged DLQ-001 already; what the broker parked nobody did.
      if (raw.properties.headers?.[headers.parkReason] === undefined) {
        logger.error({ code: 'DLQ-001', reason, queue: parkedQueue, messageId: raw.properties.messageId }, 'message dead-lettered by the broker');
      } else {
        logger.debug({ queue: parkedQueue, messageId: raw.properties.messageId }, 'dead letter recorded');
      }
    },
  });
}

async function withRetries<T>(clock: Clock, work: () => Promise<T>, onError: (error: unknown, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const delay = recordRetryDelays[attempt - 1];
      if (delay === undefined) throw error;
      onError(error, attempt);
      await sleep(clock, delay);
    }
  }
}
