/** A uniform number in [0, 1) from the platform's CSPRNG: tokens are secrets, so not Math.random. */
export function secureRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
