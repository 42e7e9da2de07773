import type { Span } from '@opentelemetry/api';
import type { Delivery } from '../broker/subscription.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { toError } from '../errors/errors.ts';
import { messageLogger } from '../logging/logger.ts';
import type { BatchHandler, MessageHandler, Prepare, PrepareContext } from './actor-definition.ts';

/** A message admitted to its handler. */
export interface Work {
  delivery: Delivery;
  message: Envelope;
  handle: MessageHandler;
  /** The entry's batch handler (`onBatch`): consecutive works sharing it run in one call. */
  handleBatch?: BatchHandler;
  /** The entry's `prepare`: run before the handler (outside any transaction), its result passed to `handle`. */
  prepare?: Prepare;
  /** The handling's span while an OpenTelemetry SDK is registered: what the handler emits is its child. */
  span?: Span;
}

export type WorkOutcome = { ok: true } | { ok: false; error: Error };

/** The works of a batch once their `prepare` ran: the ones to handle, and how their outcomes fit the batch. */
export interface PreparedBatch {
  /** Works whose `prepare` succeeded (their `handle` now receives its result), and works without one. */
  ready: Work[];
  /** The batch's outcomes, in order, from the outcomes of `ready`: a failed `prepare` is its work's failure. */
  outcomes(ofReady: readonly WorkOutcome[]): WorkOutcome[];
}

/** Whether any work of the batch has a `prepare` (most have none: then nothing is awaited for it). */
export function needsPreparing(batch: readonly Work[]): boolean {
  return batch.some((work) => work.prepare !== undefined);
}

/**
 * Runs every `prepare` of the batch at once (they touch no state), outside any transaction;
 * each gets the actor's context with a logger carrying its message's ids.
 */
export async function prepareAll(batch: readonly Work[], actor: PrepareContext): Promise<PreparedBatch> {
  const results = await Promise.all(batch.map(async (work): Promise<Work | Error> => {
    if (!work.prepare) return work;
    try {
      const context = { actor: actor.actor, clock: actor.clock, logger: messageLogger(actor.logger, work.message) };
      const prepared = await work.prepare(work.message, context);
      return { ...work, handle: (message, handlerContext) => work.handle(message, handlerContext, prepared) };
    } catch (error) {
      return toError(error);
    }
  }));
  return {
    ready: results.filter((result): result is Work => !(result instanceof Error)),
    outcomes: (ofReady) => {
      let next = 0;
      return results.map((result) => (result instanceof Error ? { ok: false, error: result } : ofReady[next++]!));
    },
  };
}

/**
 * Runs handlers and sends what they emitted; resolves with one outcome per work, in
 * order. The direct executor sends at once; the transactional one commits state, inbox
 * and outbox together first (rule 5), and calls `committed` once the batch's transaction
 * committed and its messages are on their way (published, not yet confirmed): from then
 * on the next batch may run while this one waits for its confirms.
 */
export type Executor = (batch: readonly Work[], committed?: () => void) => Promise<WorkOutcome[]>;
