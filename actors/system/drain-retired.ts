import type { Broker } from '../broker/broker.ts';
import type { ManagementApi } from '../broker/management-api.ts';
import type { Subscription } from '../broker/subscription.ts';
import type { Logger } from '../logging/logger.ts';
import { declareActor, type ActorTopology } from '../topology/declare-actor.ts';
import { drainOrder, type MailboxLayout } from '../topology/mailbox-layout.ts';
import type { TopologyNames } from '../topology/names.ts';
import { retireRoutes } from '../topology/retire-routes.ts';
import { backoff, type StartupProgress } from './startup-progress.ts';

export interface DrainOptions {
  broker: Broker;
  api: ManagementApi;
  names: TopologyNames;
  actor: ActorTopology;
  layout: MailboxLayout;
  /** Consumes a queue with the actor's handlers. */
  subscribe(queue: string): Promise<Subscription>;
  progress: StartupProgress;
  logger: Logger;
}

/** A publish routed just before a queue lost its routes may still be on its way to it: time for it to arrive. */
const settle = 500;

/**
 * Handles what waits in the queues of an earlier layout before the live queues are
 * consumed, so a key's older messages come before its newer ones: stage after stage, in
 * the order their routes went (see mailbox-layout.ts); then the queue being re-created,
 * which is declared again and takes the holding queue's routes; then the holding queue.
 * Each is deleted once empty (nothing new arrives in it), then the exchanges left behind.
 */
export async function drainRetired(options: DrainOptions): Promise<void> {
  const { broker, api, names, actor, layout, progress } = options;
  const stages = drainOrder(layout);
  if (stages.length > 0) await progress.sleep(settle);
  for (const stage of stages) await Promise.all(stage.map((queue) => drainQueue(options, queue)));
  if (layout.rebuild) {
    const rebuilt = { ...layout, rebuild: undefined };
    await broker.withChannel(async (channel) => {
      await declareActor(channel, names, actor, rebuilt);
      await retireRoutes(api, channel, names, rebuilt);
    });
    await progress.sleep(settle);
  }
  if (layout.holding) await drainQueue(options, layout.holding);
  for (const exchange of layout.retiredExchanges) await broker.withChannel((channel) => channel.deleteExchange(exchange)).catch(() => {});
}

async function drainQueue(options: DrainOptions, queue: string): Promise<void> {
  const { broker, progress, logger } = options;
  const check = () => broker.withChannel((channel) => channel.checkQueue(queue));
  for (let attempt = 1; ; attempt++) {
    // A process of the previous configuration still consuming it would compete (and declare the old layout again).
    const { consumerCount } = await check();
    if (consumerCount === 0) break;
    progress.wait('START-014', queue, `queue ${queue} of an earlier layout still has ${consumerCount} consumer(s): a process of the previous configuration is running. Fix: stop it; this start goes on once it is gone`);
    await progress.sleep(backoff(attempt));
  }
  progress.ready(queue);
  let subscription: Subscription | undefined;
  try {
    for (;;) {
      const { messageCount } = await check();
      if (messageCount === 0 && (subscription?.inFlight ?? 0) === 0) {
        await subscription?.stop();
        subscription = undefined;
        // A delivery handed back while stopping would be ready again: then go on.
        if ((await check()).messageCount === 0) break;
        continue;
      }
      progress.wait('START-016', queue, `draining ${queue} (${messageCount} waiting) before the mailbox's new queues are consumed`);
      subscription ??= await options.subscribe(queue);
      await progress.sleep(100);
    }
    await broker.withChannel((channel) => channel.deleteQueue(queue));
    logger.info({ code: 'START-016', queue }, `queue ${queue} of an earlier layout drained and deleted`);
  } finally {
    await subscription?.stop();
    progress.ready(queue);
  }
}
