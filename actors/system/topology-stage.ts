import type { ActorDefinition } from '../actor/actor-definition.ts';
import type { Broker } from '../broker/broker.ts';
import type { ManagementApi } from '../broker/management-api.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { declareActor } from '../topology/declare-actor.ts';
import { declareWaitingRooms } from '../topology/declare-waiting-rooms.ts';
import type { MailboxLayout } from '../topology/mailbox-layout.ts';
import type { TopologyNames } from '../topology/names.ts';
import { tryTopologyLock } from '../topology/topology-lock.ts';
import { amqpStartupProblem } from './broker-problems.ts';
import { mailboxPolicyOf, prepareTopology, topologyOf, type PrepareTopologyOptions } from './prepare-topology.ts';
import { StartupError, redact } from './startup-error.ts';
import { backoff, type StartupProgress } from './startup-progress.ts';

/** How long the lock must show no owning connection before it is taken for an orphan. */
export const orphanedLockAge = 20_000;

/**
 * Takes the topology lock, waiting while another process changes the topology (START-013).
 * In a cluster the lock (an exclusive queue) can outlive its connection: seen after a node
 * stopped and started again, with no owner and locked for minutes. One that shows no owning
 * connection for `orphanedLockAge` (longer than the management API's statistics take to list
 * a new connection) is deleted (TOPO-005) and taken.
 */
export async function lockTopology(broker: Broker, names: TopologyNames, progress: StartupProgress, api?: ManagementApi, logger?: Logger, clock?: Clock): Promise<() => Promise<void>> {
  let ownerlessSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const release = await tryTopologyLock(broker, names);
    if (release) {
      progress.ready('topology-lock');
      return release;
    }
    if (api && clock) {
      const lock = await api.exclusiveOwner(names.topologyLock()).catch(() => undefined);
      const ownerless = lock !== undefined && lock.exclusive && lock.owner === undefined;
      ownerlessSince = ownerless ? ownerlessSince ?? clock.now() : undefined;
      if (ownerlessSince !== undefined && clock.now() - ownerlessSince >= orphanedLockAge) {
        logger?.warn({ code: 'TOPO-005', queue: names.topologyLock() }, 'the topology lock has had no owning connection for a while (a cluster node restarted under it); removing it');
        await api.deleteQueue(names.topologyLock()).catch(() => {});
        ownerlessSince = undefined;
        continue;
      }
    }
    progress.wait('START-013', 'topology-lock', `another process holds ${names.topologyLock()} while it changes the topology; waiting for it`);
    await progress.sleep(backoff(attempt));
  }
}

/** The topology stage; a connection lost meanwhile is waited for and the stage run again (it is idempotent). */
export async function prepareTopologyWaiting(options: PrepareTopologyOptions, amqpUrl: string, progress: StartupProgress): Promise<Map<ActorDefinition, MailboxLayout>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const layouts = await prepareTopology(options);
      progress.ready('rabbitmq');
      return layouts;
    } catch (error) {
      const problem = error instanceof StartupError ? error : amqpStartupProblem(error, amqpUrl);
      if (problem) throw problem;
      progress.wait('START-001', 'rabbitmq', `RabbitMQ went away at ${redact(amqpUrl)} while the topology was declared; waiting for it`);
      await progress.sleep(backoff(attempt));
    }
  }
}

/**
 * A reconnection declares the steady layout again (a broker that lost its definitions gets
 * them back), and the policies: without them a re-created mailbox would be unbounded.
 */
export function redeclareOnReconnect(
  broker: Broker, api: ManagementApi, names: TopologyNames, clock: Clock, logger: Logger, priority: number | undefined,
  layouts: ReadonlyMap<ActorDefinition, MailboxLayout>,
): void {
  broker.afterReconnect(async (model) => {
    await Promise.all([...layouts.keys()].map((actor) =>
      api.putPolicy(names.mailboxPolicy(actor.landscape, actor.service), mailboxPolicyOf(names, actor, clock, priority)).catch((error: unknown) => {
        logger.warn({ err: error, landscape: actor.landscape, service: actor.service }, 'could not set the mailbox policy again after a reconnection');
      })));
    const channel = await model.createChannel();
    try {
      await declareWaitingRooms(channel, names);
      for (const [actor, layout] of layouts) await declareActor(channel, names, topologyOf(actor), layout);
    } finally {
      await channel.close().catch(() => {});
    }
  });
}
