/** Fault injection on the way to the cooks (spec "Faults for testing"): fractions in [0, 1]. */
export interface Chaos {
  drop: number;
  duplicate: number;
}

/**
 * How many copies of a CookFood reach the cook: 0 (dropped), 1, or 2 (duplicated). One
 * draw `r` in [0, 1): the lowest `drop` share is dropped, the highest `duplicate` share doubled.
 */
export function copiesToDeliver(chaos: Chaos, r: number): 0 | 1 | 2 {
  if (r < chaos.drop) return 0;
  if (r >= 1 - chaos.duplicate) return 2;
  return 1;
}
