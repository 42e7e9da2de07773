import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../../web-components/shared/sse-parser.ts';

function parse(...chunks: string[]): { events: SseEvent[]; parser: SseParser } {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

describe('the SSE parser of the shared client', () => {
  it('reads named events with their id and data, as the gateway frames them', () => {
    const { events, parser } = parse('event: Shouted\nid: m-1\ndata: {"id":"m-1"}\n\n', 'event: Error\nid: m-2\ndata: {"id":"m-2"}\n\n');
    expect(events).toEqual([
      { event: 'Shouted', id: 'm-1', data: '{"id":"m-1"}' },
      { event: 'Error', id: 'm-2', data: '{"id":"m-2"}' },
    ]);
    expect(parser.lastEventId).toBe('m-2');
  });

  it('ignores comments (greeting, heartbeat) and dispatches nothing for them', () => {
    expect(parse(': live\n\n: heartbeat\n\n').events).toEqual([]);
  });

  it('joins an event split across chunks, even between CR and LF', () => {
    const { events } = parse('event: Sh', 'outed\r', '\nid: m-1\r\ndata: {"a":', '1}\r\n\r', '\n');
    expect(events).toEqual([{ event: 'Shouted', id: 'm-1', data: '{"a":1}' }]);
  });

  it('joins multi-line data with newlines and names an unnamed event "message"', () => {
    expect(parse('data: one\ndata:two\n\n').events).toEqual([{ event: 'message', id: undefined, data: 'one\ntwo' }]);
  });

  it('keeps the last id for events that carry none, as EventSource does', () => {
    const { events } = parse('id: m-1\ndata: a\n\ndata: b\n\n');
    expect(events.map((e) => e.id)).toEqual(['m-1', 'm-1']);
  });
});
