import type { Broker } from '../broker/broker.ts';
import type { TopologyNames } from './names.ts';

/**
 * One process at a time changes the topology: several replicas starting at once would
 * otherwise each find the old layout and each start moving it. The lock is an exclusive
 * queue: the broker lets one connection hold it, and drops it with that connection, so a
 * process that dies mid-change frees it for the next, which finds where it stopped.
 */
export async function tryTopologyLock(broker: Broker, names: TopologyNames): Promise<(() => Promise<void>) | undefined> {
  const lock = names.topologyLock();
  try {
    await broker.withChannel((channel) => channel.assertQueue(lock, { exclusive: true, durable: false, autoDelete: false }));
  } catch (error) {
    if (/RESOURCE_LOCKED/.test(String((error as Error).message))) return undefined;
    throw error;
  }
  return async () => {
    await broker.withChannel((channel) => channel.deleteQueue(lock)).catch(() => {});
  };
}
