/**
 * Amounts as the spec shows them: nl-NL euros (`€ 11,11`). Cents may arrive as a number or,
 * beyond a double's exact integers (the company account's 10^17), as a digit string; both
 * are formatted from an exact decimal string, never through a float.
 */
const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number | string | bigint): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const decimal = `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  // Intl formats a decimal string exactly (Intl.NumberFormat v3); the type lists numbers only.
  return euros.format(decimal as unknown as number);
}

/** "11,11", "11.11" or "11" euros → 1111 cents; undefined when it is not an amount. */
export function parseEuros(text: string): number | undefined {
  const match = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}
