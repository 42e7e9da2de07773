import { connectedType, type InspectionMessage } from './stately-protocol.ts';

export interface OpenVisualiser {
  /** Stately's visualiser (default `statelyInspectUrl`). */
  url: string;
  /** How long it may take to answer that it listens, ms. */
  wait: number;
  messages: InspectionMessage[];
  /** Our own view of the instance, shown in the same window when the visualiser does not answer. */
  fallbackUrl: string;
}

/**
 * Opens the instance in Stately's visualiser: a window on its address, which posts
 * `@statelyai.connected` to us once it listens (as with `@statelyai/inspect`'s browser
 * inspector); then it gets the instance's inspection events. A visualiser that does not
 * answer within `wait` (no network, blocked, down) is not reachable: the same window shows
 * our own view instead. Must be called from the click itself, or the browser blocks the window.
 */
export function openVisualiser(options: OpenVisualiser): Promise<'stately' | 'own' | 'blocked'> {
  const origin = new URL(options.url, location.href).origin;
  const target = window.open(options.url, 'xstateinspector');
  if (!target) return Promise.resolve('blocked');
  return new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.source !== target || event.origin !== origin || (event.data as { type?: unknown } | null)?.type !== connectedType) return;
      finish();
      // To the visualiser's origin only: should the window have gone elsewhere meanwhile, the instance's context stays here.
      for (const message of options.messages) target.postMessage(message, origin);
      resolve('stately');
    };
    const timer = setTimeout(() => {
      finish();
      target.location.href = options.fallbackUrl;
      resolve('own');
    }, options.wait);
    const finish = () => {
      clearTimeout(timer);
      window.removeEventListener('message', listen);
    };
    window.addEventListener('message', listen);
  });
}
