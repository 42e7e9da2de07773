/**
 * Money is integer cents (spec). Balances are bigint in Postgres and in the rules: the
 * company account holds 10^17 cents, beyond a double's safe integers (2^53). In JSON a
 * balance is a number when it is a safe integer (every client account) and otherwise a
 * string of digits (the company account), so no cent is ever rounded and every number a
 * client reads is one it can do exact arithmetic with.
 */
export type JsonMoney = number | string;

export function toJsonMoney(cents: bigint): JsonMoney {
  const asNumber = Number(cents);
  return Number.isSafeInteger(asNumber) ? asNumber : cents.toString();
}

/** Reads a balance as Postgres (a string), an event or a client sends it. */
export function fromJsonMoney(value: JsonMoney | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && !Number.isInteger(value)) throw new RangeError(`money is integer cents, got ${value}`);
  return BigInt(value);
}
