import type { Delivery } from '../broker/subscription.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { BatchHandler, MessageHandler } from './actor-definition.ts';

/** A message admitted to its handler. */
export interface Work {
  delivery: Delivery;
  message: Envelope;
  handle: MessageHandler;
  /** The entry's batch handler (`onBatch`): consecutive works sharing it run in one call. */
  handleBatch?: BatchHandler;
}

export type WorkOutcome = { ok: true } | { ok: false; error: Error };

/**
 * Runs handlers and sends what they emitted; resolves with one outcome per work, in
 * order. The direct executor sends at once; the transactional one commits state, inbox
 * and outbox together first (rule 5), and calls `committed` once the batch's transaction
 * committed and its messages are on their way (published, not yet confirmed): from then
 * on the next batch may run while this one waits for its confirms.
 */
export type Executor = (batch: readonly Work[], committed?: () => void) => Promise<WorkOutcome[]>;
