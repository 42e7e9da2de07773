/** One dispatched SSE event (comments are dropped; `id` is the stream's last event id). */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * The WHATWG event-stream parser, incremental: feed it decoded text as it arrives and it
 * calls `onEvent` per blank-line-terminated event. Kept apart from the controller so the
 * framing rules (CRLF/CR/LF, `:` comments, multi-line data, `id` persistence) sit in one place.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #hasData = false;
  /** The last `id:` seen; kept across events, as EventSource does, for Last-Event-ID. */
  lastEventId: string | undefined;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(text: string): void {
    this.#buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone '\r' at the end may be the first half of a CRLF: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) return;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      this.#line(line);
    }
  }

  #line(line: string): void {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return; // comment: heartbeat, greeting
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') {
      this.#data.push(value);
      this.#hasData = true;
    } else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
  }

  #dispatch(): void {
    if (this.#hasData) this.onEvent({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.lastEventId });
    this.#event = '';
    this.#data = [];
    this.#hasData = false;
  }
}
