// Crockford base32, as the ULID spec has it: ids sort by creation time as plain text.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (spec: order ids): 10 characters of milliseconds, then 16 of randomness. */
export function ulid(now: number = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  return time + Array.from(random, (byte) => alphabet[byte % 32]!).join('');
}
