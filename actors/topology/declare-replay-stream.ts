import type { Channel } from 'amqplib';
import { declareEventsExchange } from './declare-actor.ts';
import type { TopologyNames } from './names.ts';

/** How much of a landscape's events its replay stream keeps. */
export interface ReplayRetention {
  /** At least this many bytes of the newest events are kept (message bodies and properties). */
  bytes: number;
}

/**
 * A stream keeps whole segments: the oldest goes once the rest exceeds the bound. A quarter of
 * the bound per segment (at least 64 KiB) keeps between `bytes` and `bytes` + one segment.
 */
export function streamArguments(retention: ReplayRetention): Record<string, unknown> {
  const segment = Math.max(64 * 1024, Math.ceil(retention.bytes / 4));
  return { 'x-queue-type': 'stream', 'x-max-length-bytes': retention.bytes + segment, 'x-stream-max-segment-size-bytes': segment };
}

/**
 * A landscape's replay stream (`actors.replay.<landscape>`): a RabbitMQ stream queue bound to
 * its events exchange with `#`, so it holds the landscape's recent events in the broker's one
 * order, bounded in bytes, for every edge replica to read (live, and back from the start when
 * a client resumes after an event it saw on another replica). Durable: it outlives the
 * processes reading it, so one started later reads what happened before it. Every process
 * should declare it with the same retention (`STREAM_REPLAY_BYTES`): a stream's arguments
 * cannot change, so a process with another one keeps the existing stream (and says so, see
 * `system/edge-events.ts`) until the stream is deleted.
 */
export async function declareReplayStream(channel: Channel, names: TopologyNames, landscape: string, retention: ReplayRetention): Promise<string> {
  const stream = names.replayStream(landscape);
  await channel.assertQueue(stream, { durable: true, exclusive: false, autoDelete: false, arguments: streamArguments(retention) });
  await bindReplayStream(channel, names, landscape);
  return stream;
}

/** Binds an existing replay stream (declared with another retention, which stays) to its landscape's events. */
export async function bindReplayStream(channel: Channel, names: TopologyNames, landscape: string): Promise<void> {
  await channel.bindQueue(names.replayStream(landscape), await declareEventsExchange(channel, names, landscape), '#');
}

/** The broker's answer when a queue exists with other arguments. */
export function isPreconditionFailed(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 406;
}
