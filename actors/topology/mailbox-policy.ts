import type { PolicyDefinition } from '../broker/management-api.ts';
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
 * Priority of the mailbox policies. At most one policy applies to a queue, the highest;
 * an operator's own policy of a higher priority on a mailbox would replace these
 * settings (the start-up warns, TOPO-003), one of a lower priority does not reach it.
 */
export const defaultMailboxPolicyPriority = 10;

/**
 * A mailbox's settings as policy keys (rule 4, 9): they may change from one start to the
 * next (a new bound, TIME_SCALE), so they live in a policy, which the broker applies to the
 * queue in place, rather than in queue arguments, which can never change. Whatever the
 * broker gives up on (delivery limit, TTL, drop-head) is dead-lettered into the parked queue.
 */
export function mailboxSettings(parkedQueue: string, options: MailboxOptions, clock: Clock): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    'max-length': options.maxLength ?? defaultMailbox.maxLength,
    overflow: options.overflow ?? defaultMailbox.overflow,
    'delivery-limit': options.deliveryLimit ?? defaultMailbox.deliveryLimit,
    'dead-letter-exchange': '',
    'dead-letter-routing-key': parkedQueue,
  };
  // At-least-once: what the broker parks stays in the mailbox until the parked queue has it.
  // The broker allows it only with reject-publish; drop-head is the lossy choice by definition.
  if (settings.overflow === 'reject-publish') settings['dead-letter-strategy'] = 'at-least-once';
  if (options.messageTtl !== undefined) settings['message-ttl'] = Math.max(1, scaled(clock, options.messageTtl));
  return settings;
}

/** The settings as queue arguments: how mailboxes were declared before the policies (and the raw benchmark's queue). */
export function asQueueArguments(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [`x-${key}`, value]));
}

/** What a mailbox queue is declared with: only what can never change. */
export function mailboxQueueArguments(partitioned: boolean): Record<string, unknown> {
  return partitioned ? { 'x-queue-type': 'quorum', 'x-single-active-consumer': true } : { 'x-queue-type': 'quorum' };
}

/** True when a queue was declared with exactly the arguments the runtime declares it with now. */
export function hasCurrentArguments(args: Record<string, unknown>, partitioned: boolean): boolean {
  const expected = mailboxQueueArguments(partitioned);
  const keys = Object.keys(args);
  return keys.length === Object.keys(expected).length && keys.every((key) => args[key] === expected[key]);
}

/**
 * The mailbox's policy: its exact queue names only (the mailbox, its partitions of any
 * count, its holding queue during an upgrade), never a parked queue or another mailbox.
 */
export function mailboxPolicy(mailbox: string, settings: Record<string, unknown>, priority = defaultMailboxPolicyPriority): PolicyDefinition {
  return {
    pattern: `^${escapeRegExp(mailbox)}(\\.upgrading|\\.[0-9]+-of-[0-9]+)?$`,
    definition: settings,
    priority,
    'apply-to': 'queues',
  };
}

/** Parked messages wait for a person; they are kept until retried or discarded. */
export const parkedQueueArguments = { 'x-queue-type': 'quorum' } as const;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
