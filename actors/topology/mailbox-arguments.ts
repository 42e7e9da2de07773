import { type Clock, scaled } from '../clock/clock.ts';

/** How a mailbox is bounded (rule 9) and when the broker gives up on a message. */
export interface MailboxOptions {
  /** Most messages the mailbox holds. Default 100,000. */
  maxLength?: number;
  /** What happens when it is full: `reject-publish` nacks the producer (back-pressure, the default); `drop-head` moves the oldest to the parked queue. */
  overflow?: 'reject-publish' | 'drop-head';
  /** Business duration (ms, scaled by TIME_SCALE) a message may wait unconsumed before it is moved to the parked queue. */
  messageTtl?: number;
  /** Deliveries (e.g. consumer crashes) before the broker parks a message. Default 10. */
  deliveryLimit?: number;
}

export const defaultMailbox = { maxLength: 100_000, overflow: 'reject-publish', deliveryLimit: 10 } as const;

/**
 * Arguments of a mailbox quorum queue (rule 4). Whatever the broker itself gives up on
 * (delivery limit, TTL, drop-head) is dead-lettered into the mailbox's parked queue.
 */
export function mailboxArguments(
  parkedQueue: string,
  options: MailboxOptions,
  clock: Clock,
  extra: { singleActiveConsumer?: boolean } = {},
): Record<string, unknown> {
  const args: Record<string, unknown> = {
    'x-queue-type': 'quorum',
    'x-delivery-limit': options.deliveryLimit ?? defaultMailbox.deliveryLimit,
    'x-max-length': options.maxLength ?? defaultMailbox.maxLength,
    'x-overflow': options.overflow ?? defaultMailbox.overflow,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': parkedQueue,
  };
  // At-least-once: what the broker parks stays in the mailbox until the parked queue has it.
  // The broker allows it only with reject-publish; drop-head is the lossy choice by definition.
  if (args['x-overflow'] === 'reject-publish') args['x-dead-letter-strategy'] = 'at-least-once';
  if (options.messageTtl !== undefined) args['x-message-ttl'] = Math.max(1, scaled(clock, options.messageTtl));
  if (extra.singleActiveConsumer) args['x-single-active-consumer'] = true;
  return args;
}

/** Parked messages wait for a person; they are kept until retried or discarded. */
export const parkedQueueArguments = { 'x-queue-type': 'quorum' } as const;
