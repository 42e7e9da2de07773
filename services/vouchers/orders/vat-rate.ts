/**
 * Spec (Orders): VAT is 19 %, but 16 % for orders dated 2020-07-01 … 2020-12-31 (the
 * German temporary cut). Kept as whole percent so every figure stays an integer.
 */
export const standardVatPercent = 19;
export const reducedVatPercent = 16;
const reducedFrom = '2020-07-01';
const reducedUntil = '2020-12-31';

/** The VAT percent of an order dated `orderDate` (`YYYY-MM-DD`; ISO dates compare as text). */
export function vatPercentFor(orderDate: string): number {
  return orderDate >= reducedFrom && orderDate <= reducedUntil ? reducedVatPercent : standardVatPercent;
}

/** The percent as the API shows it: `vatRate` 0.19 (exact: two decimals of a whole percent). */
export function vatRateOf(percent: number): number {
  return percent / 100;
}

/**
 * The whole percent of a `vatRate` read from an event (0.19 → 19); undefined when it is
 * not a whole percent between 0 and 100, so a bad rate is refused rather than rounded.
 */
export function percentOfRate(rate: number): number | undefined {
  const percent = Math.round(rate * 100);
  return percent >= 0 && percent <= 100 && Math.abs(percent / 100 - rate) < 1e-9 ? percent : undefined;
}
