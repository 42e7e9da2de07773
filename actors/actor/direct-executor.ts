import type { Clock } from '../clock/clock.ts';
import { toError } from '../errors/errors.ts';
import type { Logger } from '../logging/logger.ts';
import { deliver } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { actorName, type ActorDefinition } from './actor-definition.ts';
import { needsPreparing, prepareAll, type Executor, type WorkOutcome } from './executor.ts';
import { forcedError } from './forced-error.ts';
import { createHandlerContext, originOf } from './handler-context.ts';
import { withSpan } from '../telemetry/message-spans.ts';

export interface DirectExecutorOptions {
  actor: ActorDefinition;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  allowForcedErrors: boolean;
}

/** For an actor without a database: run the handler, then send what it emitted (at least once). */
export function directExecutor(options: DirectExecutorOptions): Executor {
  const { actor, bus, clock, logger } = options;
  const name = actorName(actor);
  return async (batch) => {
    const outcomes: WorkOutcome[] = [];
    const prepared = needsPreparing(batch) ? await prepareAll(batch, { actor: name, clock, logger }) : undefined;
    for (const work of prepared?.ready ?? batch) {
      try {
        const { context, outgoing } = createHandlerContext(originOf(work, name, actor.landscape), clock, logger);
        const forced = options.allowForcedErrors ? forcedError(work.message, name) : undefined;
        if (forced) throw forced;
        await withSpan(work.span, () => work.handle(work.message, context));
        // Most handlers emit nothing: then no Promise.all and no extra await per message.
        if (outgoing.length > 0) await Promise.all(outgoing.map((out) => deliver(bus, out)));
        outcomes.push({ ok: true });
      } catch (error) {
        outcomes.push({ ok: false, error: toError(error) });
      }
    }
    return prepared ? prepared.outcomes(outcomes) : outcomes;
  };
}
