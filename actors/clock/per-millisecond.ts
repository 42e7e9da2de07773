/**
 * `compute` kept for the millisecond: called again with the same `now`, the function returns
 * what it computed last. Under load many messages are made in one millisecond, and their
 * timestamps and id prefixes are the same text.
 */
export function perMillisecond(compute: (now: number) => string): (now: number) => string {
  let lastTime = Number.NaN;
  let last = '';
  return (now) => {
    if (now !== lastTime) {
      last = compute(now);
      lastTime = now;
    }
    return last;
  };
}
