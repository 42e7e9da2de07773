/**
 * Whether a cook still holds an order handed to it and not reported cooked. Until the
 * order expires it does (queued or on the stove). After that the cook drops it unstarted,
 * but one it started just before expiry keeps it busy up to one cook time longer: counted
 * until then, so the more-fair bound holds for what the cook really has.
 */
export function isHeld(expires: number, now: number, cookTime: number): boolean {
  return now < expires + cookTime;
}
