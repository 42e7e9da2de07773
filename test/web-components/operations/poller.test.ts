import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Poller } from '../../../web-components/shared/operations/poller.ts';
import { FakeHost } from '../fake-host.ts';

// The poller runs in the browser: a tab (document with visibilityState) and window events.
// Node has EventTarget, so a small stand-in of each is enough to drive it here.
class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
}
const fakeDocument = new FakeDocument();
const fakeWindow = new EventTarget();

beforeAll(() => {
  Object.assign(globalThis, {
    document: fakeDocument,
    addEventListener: fakeWindow.addEventListener.bind(fakeWindow),
    removeEventListener: fakeWindow.removeEventListener.bind(fakeWindow),
  });
});
afterAll(() => {
  for (const name of ['document', 'addEventListener', 'removeEventListener']) delete (globalThis as Record<string, unknown>)[name];
});
beforeEach(() => {
  vi.useFakeTimers();
  fakeDocument.visibilityState = 'visible';
});
afterEach(() => vi.useRealTimers());

/** A load that resolves when the test says so, counting calls. */
function loads() {
  const pending: Array<() => void> = [];
  const load = vi.fn(() => new Promise<void>((resolve) => pending.push(resolve)));
  const finish = async () => {
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { load, finish };
}

describe('Poller', () => {
  it('loads at once when the host connects, then every interval after each load finishes', async () => {
    const host = new FakeHost();
    const { load, finish } = loads();
    new Poller(host, () => 2_000, load);
    host.connect();
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(load).toHaveBeenCalledTimes(1); // a slow load is not overlapped
    await finish();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    host.disconnect();
  });

  it('runs a refresh asked for during a load right after it, once', async () => {
    const host = new FakeHost();
    const { load, finish } = loads();
    const poller = new Poller(host, () => 2_000, load);
    host.connect();
    poller.refresh();
    poller.refresh();
    expect(load).toHaveBeenCalledTimes(1);
    await finish();
    expect(load).toHaveBeenCalledTimes(2);
    await finish();
    expect(load).toHaveBeenCalledTimes(2);
    host.disconnect();
  });

  it('stops while the tab is hidden and loads again when it is shown', async () => {
    const host = new FakeHost();
    const { load, finish } = loads();
    new Poller(host, () => 2_000, load);
    host.connect();
    await finish();
    fakeDocument.visibilityState = 'hidden';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);
    fakeDocument.visibilityState = 'visible';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    expect(load).toHaveBeenCalledTimes(2);
    host.disconnect();
  });

  it('keeps no timer without an interval, and loads again on login or logout', async () => {
    const host = new FakeHost();
    const { load, finish } = loads();
    new Poller(host, () => undefined, load);
    host.connect();
    await finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(1);
    fakeWindow.dispatchEvent(new Event('session-changed'));
    expect(load).toHaveBeenCalledTimes(2);
    expect(host.updates).toBe(1);
    host.disconnect();
  });

  it('bursts: loads now and a few times shortly after (a stream event precedes its effects)', async () => {
    const host = new FakeHost();
    const load = vi.fn(() => Promise.resolve());
    const poller = new Poller(host, () => undefined, load);
    host.connect();
    await vi.advanceTimersByTimeAsync(0);
    poller.burst([0, 300, 1_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(load).toHaveBeenCalledTimes(4);
    host.disconnect();
  });

  it('stops everything when the host leaves the page', async () => {
    const host = new FakeHost();
    const load = vi.fn(() => Promise.resolve());
    const poller = new Poller(host, () => 1_000, load);
    host.connect();
    await vi.advanceTimersByTimeAsync(0);
    poller.burst([500]);
    host.disconnect();
    await vi.advanceTimersByTimeAsync(10_000);
    fakeWindow.dispatchEvent(new Event('session-changed'));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
