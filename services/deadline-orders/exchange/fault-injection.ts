/**
 * The original exercise's fault injection (spec, "Fault injection"): currency 100 makes the
 * exchange wait before it checks the deadline, currency 200 after it checked (the
 * late-success case). The wait is a business duration, scaled by TIME_SCALE.
 */
export const faultWait = 10_000;

export type Fault = 'wait-before-check' | 'wait-after-check';

export function faultOf(currencyId: number): Fault | undefined {
  if (currencyId === 100) return 'wait-before-check';
  if (currencyId === 200) return 'wait-after-check';
  return undefined;
}
