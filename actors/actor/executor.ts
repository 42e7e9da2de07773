import type { Delivery } from '../broker/subscription.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { MessageHandler } from './actor-definition.ts';

/** A message admitted to its handler. */
export interface Work {
  delivery: Delivery;
  message: Envelope;
  handle: MessageHandler;
}

export type WorkOutcome = { ok: true } | { ok: false; error: Error };

/**
 * Runs handlers and sends what they emitted; resolves with one outcome per work, in
 * order. The direct executor sends at once; the transactional one commits state, inbox
 * and outbox together first (rule 5).
 */
export type Executor = (batch: readonly Work[]) => Promise<WorkOutcome[]>;
