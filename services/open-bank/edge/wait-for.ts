/** Polls `read` every `every` ms until it answers a value or `timeoutMs` passed (then undefined). */
export async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs: number, every = 20): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined || Date.now() >= until) return value;
    await new Promise((resolve) => setTimeout(resolve, Math.min(every, Math.max(0, until - Date.now()))));
  }
}
