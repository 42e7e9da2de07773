/**
 * Binary delay levels (rule 7): level k is a queue whose fixed TTL is 2^k ms. A delay
 * is written in binary, most significant bit first, as the routing key; each level's
 * exchange sends the message into its queue when its bit is 1 and straight on to the
 * next level when it is 0. Every queue has one TTL, so nothing waits behind a longer
 * message, and 32 levels reach any delay up to 2^32 - 1 ms (about 49 days).
 */
export const delayLevelCount = 32;
export const maxDelay = 2 ** delayLevelCount - 1;

/** The routing key spelling `delay` in binary, one word per level, highest level first. */
export function delayRoutingKey(delay: number): string {
  const ms = Math.min(maxDelay, Math.max(0, Math.round(delay)));
  return ms.toString(2).padStart(delayLevelCount, '0').split('').join('.');
}

/** The binding key that matches routing keys whose bit for `level` is `bit`. */
export function levelBindingKey(level: number, bit: 0 | 1): string {
  const higherLevels = delayLevelCount - 1 - level;
  return [...Array<string>(higherLevels).fill('*'), String(bit), '#'].join('.');
}

/** Sums the delay a routing key spells; the inverse of `delayRoutingKey`. */
export function delayOf(routingKey: string): number {
  return parseInt(routingKey.split('.').join(''), 2);
}
