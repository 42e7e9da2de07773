import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Envelope } from '../../actors/envelope/envelope.ts';
import { sessionChanged, sessionId, storedToken } from './session-store.ts';
import { SseParser } from './sse-parser.ts';

export type { Envelope };

/** Waits between reconnection attempts: doubling from the first to the last. */
const backoff = { first: 500, max: 10_000 };

/**
 * A landscape's live stream for a Lit element (common spec, "Live updates"). Opens when the
 * host connects and a user is logged in in this tab (streams need a token: `needsLogin`
 * until then, with no request made), closes when it disconnects. Read with fetch rather than EventSource: the
 * server names each event after its message type (`event: VoucherIssued`), and EventSource
 * only delivers named events to listeners registered per name; fetch also lets us send
 * `authorization` and `Last-Event-ID` ourselves. Reconnects with backoff, resuming after
 * the last event received, so nothing in the server's replay buffer is lost.
 */
export class SseController implements ReactiveController {
  /** True while a stream is open. */
  connected = false;
  /** Why the stream stopped for good (a 4xx: bad filter, not allowed); retries stop then. */
  error: string | undefined;
  /** Nobody is logged in in this tab: the stream opens once someone is (`session-changed`). */
  needsLogin = false;
  #abort: AbortController | undefined;
  #url: string | undefined;
  #lastEventId: string | undefined;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #hostConnected = false;
  // Logging in or out changes the token the stream is opened with: open it again (resuming).
  readonly #onSessionChanged = () => {
    if (this.#hostConnected) this.reconnect();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: () => string | undefined,
    private readonly onMessage: (message: Envelope) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#hostConnected = true;
    addEventListener(sessionChanged, this.#onSessionChanged);
    this.reconnect();
  }

  hostDisconnected(): void {
    this.#hostConnected = false;
    removeEventListener(sessionChanged, this.#onSessionChanged);
    this.#stop();
    this.#setConnected(false);
  }

  /** A host whose url() now answers differently (new filter, logged in) gets the new stream. */
  hostUpdated(): void {
    if (this.#hostConnected && this.url() !== this.#url) this.reconnect();
  }

  /**
   * Closes the current stream and opens url() again (now). The same URL resumes after the
   * last event received; a different one is another stream and starts afresh.
   */
  reconnect(): void {
    this.#stop();
    const url = this.url();
    if (url !== this.#url) this.#lastEventId = undefined;
    this.#url = url;
    this.#attempt = 0;
    this.error = undefined;
    this.#setConnected(false); // the old stream is closed; `connected` again once the new one answers
    const needsLogin = storedToken() === undefined;
    if (needsLogin !== this.needsLogin) {
      this.needsLogin = needsLogin;
      this.host.requestUpdate();
    }
    if (url === undefined || !this.#hostConnected || needsLogin) return;
    void this.#open(url);
  }

  #stop(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
  }

  async #open(url: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'x-session-id': sessionId };
    const token = storedToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.#lastEventId !== undefined) headers['last-event-id'] = this.#lastEventId;
    try {
      const response = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      if (response.status >= 400 && response.status < 500) {
        this.error = `${response.status}: ${await response.text()}`;
        return this.#setConnected(false);
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      this.#attempt = 0;
      this.#setConnected(true);
      await this.#read(response.body, abort.signal);
    } catch {
      // network error, server gone, aborted: decided below
    }
    if (abort.signal.aborted) return;
    this.#setConnected(false);
    const delay = Math.min(backoff.max, backoff.first * 2 ** this.#attempt++);
    this.#retry = setTimeout(() => void this.#open(url), delay);
  }

  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const parser = new SseParser((event) => {
      if (signal.aborted) return;
      this.#lastEventId = event.id;
      let message: Envelope;
      try {
        message = JSON.parse(event.data) as Envelope;
      } catch {
        return; // not one of ours; the contract says data is the message as JSON
      }
      this.onMessage(message);
    });
    parser.lastEventId = this.#lastEventId;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read(); // rejects when aborted
      if (done) return;
      parser.push(decoder.decode(value, { stream: true }));
    }
  }

  #setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.host.requestUpdate();
  }
}

/** The line a landscape's page shows about its stream. */
export function liveText(stream: Pick<SseController, 'connected' | 'needsLogin'>): string {
  if (stream.connected) return 'Live';
  return stream.needsLogin ? 'Log in to follow live updates' : 'Connecting to the live stream…';
}
