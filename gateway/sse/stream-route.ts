import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { userOrRefusal, type AuthEnv } from '../auth/secure.ts';
import { unauthorized } from '../auth/auth-problems.ts';
import { principalOf } from '../auth/users.ts';
import type { LandscapeDeps, LandscapeModule } from '../landscape.ts';
import type { EventHub } from './event-hub.ts';
import { OutgoingQueue, type Outgoing } from './outgoing-queue.ts';
import { mayRead } from './stream-access.ts';
import { noted } from '../api-docs/route-notes.ts';
import { streamMatcher, streamQuery } from './stream-filter.ts';
import type { StreamLimits } from './stream-limits.ts';
import type { StreamedEvent } from './streamed-event.ts';

export interface StreamOptions {
  /** Comment heartbeat interval, ms; the spec asks for at least one every 15 s. */
  heartbeatInterval: number;
  /** Items waiting for one slow client before it is cut off. */
  maxQueued: number;
  limits: StreamLimits;
}

/**
 * `GET /api/<landscape>/stream` (common spec, "Live updates"): for an authenticated user
 * only (`Authorization: Bearer`, as on REST; a token in the query is an unknown filter),
 * the landscape's events that user may read (`StreamAccess`), narrowed by the query's
 * filters, resumed after `Last-Event-ID` from the hub's buffer (or the landscape's replay
 * stream, for an event this replica never saw), with a comment heartbeat.
 * Bounded per user and in total (`StreamLimits`, 429). A client leaving releases its
 * place, its listener and its timer at once.
 */
export function streamRoute(hub: EventHub, module: LandscapeModule, deps: LandscapeDeps, options: StreamOptions) {
  // Noted with the filters' schema, so /api/openapi.json lists them; checked after the login (401 first).
  return noted(async (c: Context<AuthEnv>): Promise<Response> => {
    // Without the auth mount no token can be checked: nobody streams (never open by omission).
    const reader = c.get('auth') ? await userOrRefusal(c) : unauthorized('this gateway has no login; streams need one');
    if (reader instanceof Response) return reader;
    // Checked before the stream opens, so bad filters or a system not running yet get a problem response.
    const query = c.req.queries();
    const matches = streamMatcher(query, reader, module.streamFilters);
    await hub.ready(deps.system());
    const release = options.limits.open(principalOf(reader));
    const lastEventId = c.req.header('last-event-id') || undefined;

    return streamSSE(c, async (stream) => {
      const queue = new OutgoingQueue(options.maxQueued);
      // A stream of one flow starts with what the buffer holds of it: a process monitor opened
      // after the request that started the flow (it learns the correlation id from the 202)
      // would otherwise miss the flow's first events.
      const flowHistory = lastEventId === undefined && query.correlationId !== undefined;
      // An Error is its session's: the session rule in `matches` decides it, not the landscape's readers.
      const visible = (streamed: StreamedEvent) => (streamed.event.type === 'Error' || mayRead(reader, streamed.readers)) && matches(streamed.event);
      // Live events that come while the missed ones are looked up wait, so the replay comes first.
      let held: StreamedEvent[] | undefined = [];
      const attachment = await hub.attach(module.name, {
        deliver: (streamed) => {
          if (!visible(streamed)) return;
          if (held) held.push(streamed);
          else queue.push({ streamed });
        },
        end: () => queue.close(),
      }, lastEventId !== undefined ? { after: lastEventId } : flowHistory ? {} : undefined);
      const heartbeat = setInterval(() => queue.push({ comment: 'heartbeat' }), options.heartbeatInterval);
      const leave = () => {
        clearInterval(heartbeat);
        attachment.detach();
        queue.close();
        release();
      };
      stream.onAbort(leave);
      c.req.raw.signal.addEventListener('abort', leave, { once: true });
      if (stream.aborted || c.req.raw.signal.aborted) leave(); // gone while the missed events were looked up

      if (lastEventId === undefined) queue.push({ comment: flowHistory ? 'buffered events of this flow, then live' : 'live' });
      else if (attachment.missed === undefined) queue.push({ comment: `Last-Event-ID ${lastEventId} is no longer buffered; live from here, earlier events may be missing` });
      else queue.push({ comment: `resuming after ${lastEventId}` });
      for (const streamed of attachment.missed ?? []) if (visible(streamed)) queue.push({ streamed });
      for (const streamed of held) queue.push({ streamed });
      held = undefined;
      try {
        for (let item = await queue.next(); item && !stream.aborted; item = await queue.next()) await write(stream, item);
      } finally {
        leave();
      }
    });
  }, { kind: 'query', schema: streamQuery(module.streamFilters) });
}

async function write(stream: SSEStreamingApi, item: Outgoing): Promise<void> {
  if ('comment' in item) return void (await stream.write(`: ${item.comment}\n\n`));
  const { id, type } = item.streamed.event;
  if (/[\r\n]/.test(type + id)) return; // would break the SSE framing; no real message has one
  await stream.writeSSE({ event: type, id, data: item.streamed.data });
}
