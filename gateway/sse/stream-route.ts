import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { LandscapeDeps, LandscapeModule } from '../landscape.ts';
import type { EventHub } from './event-hub.ts';
import { OutgoingQueue, type Outgoing } from './outgoing-queue.ts';
import { streamMatcher } from './stream-filter.ts';

export interface StreamOptions {
  /** Comment heartbeat interval, ms; the spec asks for at least one every 15 s. */
  heartbeatInterval: number;
  /** Items waiting for one slow client before it is cut off. */
  maxQueued: number;
}

/**
 * `GET /api/<landscape>/stream` (common spec, "Live updates"): the landscape's events as
 * SSE, narrowed by the query's filters, resumed after `Last-Event-ID` from the hub's
 * buffer, with a comment heartbeat. A client leaving releases its place in the hub and
 * its timer at once.
 */
export function streamRoute(hub: EventHub, module: LandscapeModule, deps: LandscapeDeps, options: StreamOptions) {
  return async (c: Context): Promise<Response> => {
    // Checked before the stream opens, so bad filters or a system not running yet get a problem response.
    const matches = streamMatcher(c.req.queries(), module.streamFilters);
    await hub.ready(deps.system());
    const lastEventId = c.req.header('last-event-id') || undefined;

    return streamSSE(c, async (stream) => {
      const queue = new OutgoingQueue(options.maxQueued);
      // A stream of one flow starts with what the buffer holds of it: a process monitor opened
      // after the request that started the flow (it learns the correlation id from the 202)
      // would otherwise miss the flow's first events.
      const flowHistory = lastEventId === undefined && c.req.query('correlationId') !== undefined;
      const attachment = hub.attach(module.name, {
        deliver: (event) => { if (matches(event)) queue.push({ event }); },
        end: () => queue.close(),
      }, lastEventId !== undefined ? { after: lastEventId } : flowHistory ? {} : undefined);
      const heartbeat = setInterval(() => queue.push({ comment: 'heartbeat' }), options.heartbeatInterval);
      const release = () => {
        clearInterval(heartbeat);
        attachment.detach();
        queue.close();
      };
      stream.onAbort(release);
      c.req.raw.signal.addEventListener('abort', release, { once: true });

      // Queued in the turn `attach` took them, so they come before any live event.
      if (lastEventId === undefined) queue.push({ comment: flowHistory ? 'buffered events of this flow, then live' : 'live' });
      else if (attachment.missed === undefined) queue.push({ comment: `Last-Event-ID ${lastEventId} is no longer buffered; live from here, earlier events may be missing` });
      else queue.push({ comment: `resuming after ${lastEventId}` });
      for (const event of attachment.missed ?? []) if (matches(event)) queue.push({ event });
      try {
        for (let item = await queue.next(); item && !stream.aborted; item = await queue.next()) await write(stream, item);
      } finally {
        release();
      }
    });
  };
}

async function write(stream: SSEStreamingApi, item: Outgoing): Promise<void> {
  if ('comment' in item) return void (await stream.write(`: ${item.comment}\n\n`));
  const { id, kind, type, data, metadata } = item.event;
  if (/[\r\n]/.test(type + id)) return; // would break the SSE framing; no real message has one
  await stream.writeSSE({ event: type, id, data: JSON.stringify({ id, kind, type, data, metadata }) });
}
