/**
 * PBKDF2-SHA256 password hashes with Web Crypto (works on Node and Deno alike).
 * Encoded as `pbkdf2$<iterations>$<salt base64>$<hash base64>`, so the cost can be raised
 * later without invalidating the hashes already stored.
 */

/**
 * OWASP's current figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023):
 * about 0.3 s per hash on one core here. Hashes of a lower cost are re-hashed at the next
 * successful login (`PasswordWork.needsRehash`).
 */
export const defaultIterations = 600_000;
/** Below this a hash is too cheap to be worth storing. */
export const minimumIterations = 100_000;
/** A stored hash naming more is refused rather than letting one login burn minutes of CPU. */
const maximumIterations = 10_000_000;
const saltBytes = 16;
const hashBits = 256;

export async function hashPassword(password: string, iterations = defaultIterations): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < minimumIterations || iterations > maximumIterations) {
    throw new RangeError(`PBKDF2 iterations must be an integer from ${minimumIterations} to ${maximumIterations}, got ${iterations}`);
  }
  const salt = crypto.getRandomValues(new Uint8Array(saltBytes));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Whether `password` matches `encoded`; false (never a throw) for a hash it cannot read. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(actual, parsed.hash);
}

/**
 * Compares every byte whatever the first difference, so the time taken tells an attacker
 * nothing about how much of a hash they guessed. The length is no secret.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, hashBits);
  return new Uint8Array(bits);
}

/** The cost a stored hash was made with; undefined when it cannot be read. */
export function iterationsOf(encoded: string): number | undefined {
  return parse(encoded)?.iterations;
}

function parse(encoded: string): { iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array } | undefined {
  const [scheme, rounds, salt, hash, ...rest] = encoded.split('$');
  if (scheme !== 'pbkdf2' || rest.length > 0 || salt === undefined || hash === undefined) return undefined;
  const iterations = Number(rounds);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > maximumIterations) return undefined;
  try {
    const parsed = { iterations, salt: fromBase64(salt), hash: fromBase64(hash) };
    return parsed.salt.length > 0 && parsed.hash.length === hashBits / 8 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
