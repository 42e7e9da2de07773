// Waiting in tests, with web-standard timers only, so the Deno smoke test shares it.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeout` ms. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeout = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(20);
  }
}
