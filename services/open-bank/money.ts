/**
 * Money is integer cents (spec). Balances are bigint in Postgres and in the rules: the
 * company account holds 10^17 cents, beyond a double's exact integers (2^53). In JSON a
 * balance is a number whenever the number is exact (every client account, and the company
 * account's 10^17 itself), and otherwise a string of digits, so no cent is ever rounded.
 */
export type JsonMoney = number | string;

export function toJsonMoney(cents: bigint): JsonMoney {
  const asNumber = Number(cents);
  return BigInt(asNumber) === cents ? asNumber : cents.toString();
}

/** Reads a balance as Postgres (a string), an event or a client sends it. */
export function fromJsonMoney(value: JsonMoney | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && !Number.isInteger(value)) throw new RangeError(`money is integer cents, got ${value}`);
  return BigInt(value);
}
