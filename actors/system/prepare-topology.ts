import type { ActorDefinition } from '../actor/actor-definition.ts';
import type { Broker } from '../broker/broker.ts';
import type { ManagementApi, PolicyDefinition } from '../broker/management-api.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { declareActor, type ActorTopology } from '../topology/declare-actor.ts';
import { declareWaitingRooms } from '../topology/declare-waiting-rooms.ts';
import { UnexpectedQueueError, drainOrder, mailboxQueuePattern, planMailboxLayout, type MailboxLayout } from '../topology/mailbox-layout.ts';
import { escapeRegExp, mailboxPolicy, mailboxSettings } from '../topology/mailbox-policy.ts';
import type { TopologyNames } from '../topology/names.ts';
import { retireRoutes } from '../topology/retire-routes.ts';
import { consistentHashMissing, managementStartupProblem, otherBrokersApi } from './broker-problems.ts';
import { StartupError } from './startup-error.ts';

export interface PrepareTopologyOptions {
  broker: Broker;
  api: ManagementApi;
  names: TopologyNames;
  actors: readonly ActorDefinition[];
  clock: Clock;
  logger: Logger;
  policyPriority?: number;
}

/**
 * The topology stage, under the topology lock: checks the plugins, sets each mailbox's
 * policy, declares the waiting rooms and each actor's layout, and routes new messages
 * away from queues of an earlier layout (which are drained later, once handlers can run).
 * Returns each actor's layout.
 */
export async function prepareTopology(options: PrepareTopologyOptions): Promise<Map<ActorDefinition, MailboxLayout>> {
  const { broker, api, names, actors, clock, logger } = options;
  const management = <T>(work: Promise<T>) => work.catch((error: unknown) => { throw managementStartupProblem(error, api.url, api.user); });
  const overview = await management(api.overview());
  // Policies set through another broker's API would govern nothing here (and change that broker).
  const cluster = broker.serverProperties.cluster_name;
  if (overview.clusterName && typeof cluster === 'string' && overview.clusterName !== cluster) throw otherBrokersApi(api.url, overview.clusterName, cluster);
  if (actors.some((actor) => (actor.partitions ?? 1) > 1) && !overview.exchangeTypes.includes('x-consistent-hash')) {
    throw consistentHashMissing();
  }

  for (const actor of actors) {
    // Set before the queues are declared: a new queue has its settings from the start.
    await management(api.putPolicy(names.mailboxPolicy(actor.landscape, actor.service), mailboxPolicyOf(names, actor, clock, options.policyPriority)));
  }
  await broker.withChannel((channel) => declareWaitingRooms(channel, names));

  const layouts = new Map<ActorDefinition, MailboxLayout>();
  for (const actor of actors) {
    const mailbox = names.mailbox(actor.landscape, actor.service);
    const found = await management(api.queues(mailboxQueuePattern(mailbox)));
    const entryBindings = await management(api.bindingsFrom(names.partitions(mailbox)));
    const layout = planOrExplain(names, mailbox, actor.partitions ?? 1, found, entryBindings, api.vhost);
    await broker.withChannel(async (channel) => {
      await declareActor(channel, names, topologyOf(actor), layout);
      await retireRoutes(api, channel, names, layout);
    });
    const retired = drainOrder(layout).flat();
    if (layout.holding || retired.length > 0) {
      logger.info({ code: 'START-016', mailbox, retired, rebuild: layout.rebuild, holding: layout.holding, live: layout.live },
        `mailbox ${mailbox} changes its layout: new messages go to ${layout.rebuild ? layout.holding : layout.live.join(', ')}; what waits in ${[...retired, layout.holding].filter(Boolean).join(', ')} is handled first`);
    }
    layouts.set(actor, layout);
  }
  await warnOfOverridingPolicies(options, layouts);
  return layouts;
}

/** START-015: at most one policy applies to a queue; an operator's of a higher priority would replace the mailbox's. */
async function warnOfOverridingPolicies(options: PrepareTopologyOptions, layouts: Map<ActorDefinition, MailboxLayout>): Promise<void> {
  const { api, names, logger } = options;
  const mailboxes = [...layouts.values()].map((layout) => escapeRegExp(layout.mailbox));
  if (mailboxes.length === 0) return;
  const queues = await api.queues(`^(${mailboxes.join('|')})(\\.[0-9]+-of-[0-9]+)?$`);
  for (const [actor, layout] of layouts) {
    const own = names.mailboxPolicy(actor.landscape, actor.service);
    for (const queue of queues.filter((q) => layout.live.includes(q.name) && q.policy && q.policy !== own)) {
      logger.warn({ code: 'START-015', queue: queue.name, policy: queue.policy, expected: own },
        `policy ${queue.policy} applies to mailbox queue ${queue.name} instead of ${own}, so its bound, TTL, delivery limit and parking are not the actor's. Fix: give ${queue.policy} a lower priority or a pattern that leaves ${queue.name} out, put limits you want on mailboxes in an operator policy, or raise MAILBOX_POLICY_PRIORITY`);
    }
  }
}

function planOrExplain(...[names, mailbox, partitions, found, entryBindings, vhost]: [...Parameters<typeof planMailboxLayout>, string]): MailboxLayout {
  try {
    return planMailboxLayout(names, mailbox, partitions, found, entryBindings);
  } catch (error) {
    if (!(error instanceof UnexpectedQueueError)) throw error;
    throw new StartupError('START-007', `RabbitMQ has queue ${error.queue} with other settings than this runtime declares (${error.message})`,
      `move its messages elsewhere if they matter, then delete it (the runtime declares it again): rabbitmqctl delete_queue -p ${vhost} ${error.queue}`);
  }
}

/** The policy carrying an actor's mailbox settings (topology/mailbox-policy.ts). */
export function mailboxPolicyOf(names: TopologyNames, actor: ActorDefinition, clock: Clock, priority?: number): PolicyDefinition {
  const mailbox = names.mailbox(actor.landscape, actor.service);
  return mailboxPolicy(mailbox, mailboxSettings(names.parked(mailbox), actor.mailbox ?? {}, clock), priority);
}

export function topologyOf(actor: ActorDefinition): ActorTopology {
  return {
    landscape: actor.landscape,
    service: actor.service,
    commandTypes: Object.keys(actor.commands ?? {}),
    eventTypes: Object.keys(actor.events ?? {}),
    partitions: actor.partitions ?? 1,
  };
}
