import type { Channel } from 'amqplib';
import { declareEventsExchange } from './declare-actor.ts';
import type { TopologyNames } from './names.ts';

/** An edge subscriber's queue: what it holds, and which landscapes' events it takes. */
export interface EdgeQueue {
  queue: string;
  landscapes: readonly string[];
  /** The oldest events go beyond this many (default 10,000). */
  maxQueued?: number;
}

/** `<namespace>.<label>.<random>`: one per subscribing process, visible as such in the management UI. */
export function edgeQueueName(names: TopologyNames, label: string): string {
  const local = `${label}.${crypto.randomUUID().slice(0, 8)}`;
  return names.namespace ? `${names.namespace}.${local}` : local;
}

/**
 * The queue of an edge subscriber (a gateway streaming events to browsers), bound to every
 * named landscape's events exchange with `#`. Exclusive and auto-delete: it lives exactly as
 * long as the process's connection, so it is declared again on every (re)connection.
 * Classic and non-durable, `drop-head` past its bound: a view of the events, whose loss costs
 * a reload, not data. The exchanges are declared as an actor's are: a landscape may be served
 * by a process running none of its actors.
 */
export async function declareEdgeQueue(channel: Channel, names: TopologyNames, edge: EdgeQueue): Promise<void> {
  await channel.assertQueue(edge.queue, {
    exclusive: true, autoDelete: true, durable: false,
    arguments: { 'x-queue-type': 'classic', 'x-max-length': edge.maxQueued ?? 10_000, 'x-overflow': 'drop-head' },
  });
  for (const landscape of edge.landscapes) {
    await channel.bindQueue(edge.queue, await declareEventsExchange(channel, names, landscape), '#');
  }
}
