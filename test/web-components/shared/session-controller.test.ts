import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionController } from '../../../web-components/shared/session-controller.ts';
import { sessionChanged } from '../../../web-components/shared/session-store.ts';
import { FakeHost } from '../fake-host.ts';

// The controller listens on `window`; Node's EventTarget stands in for it.
const fakeWindow = new EventTarget();

beforeAll(() => {
  Object.assign(globalThis, {
    addEventListener: fakeWindow.addEventListener.bind(fakeWindow),
    removeEventListener: fakeWindow.removeEventListener.bind(fakeWindow),
  });
});
afterAll(() => {
  for (const name of ['addEventListener', 'removeEventListener']) delete (globalThis as Record<string, unknown>)[name];
});

const logInOrOut = () => fakeWindow.dispatchEvent(new CustomEvent(sessionChanged));

describe('SessionController', () => {
  it('re-renders its host and runs its callback after each log-in or log-out while the host is on the page', () => {
    const host = new FakeHost();
    const calls: number[] = [];
    new SessionController(host, () => calls.push(host.updates));
    host.connect();
    logInOrOut();
    logInOrOut();
    expect(host.updates).toBe(2);
    expect(calls).toEqual([1, 2]); // the callback runs after the update was asked for
  });

  it('stops listening once the host leaves the page', () => {
    const host = new FakeHost();
    new SessionController(host);
    logInOrOut(); // not connected yet
    host.connect();
    logInOrOut();
    host.disconnect();
    logInOrOut();
    expect(host.updates).toBe(1);
  });
});
