import { z } from 'zod';
import { Decimal } from '../shared/decimal.ts';
import { maxDay, minDay, yearOf } from '../shared/calendar-day.ts';

export const milkIndexName = 'MILK_INDEX';

/** One year's value of an index, decimal text with up to 4 places. */
export interface IndexValue {
  year: number;
  value: string;
}

/** The largest index value taken (a factor on the milk's price; 1 = unchanged). */
const maxIndexValue = 1000;

/**
 * `PUT /indexes/MILK_INDEX {year, value}` (spec): year 2000..2100; value > 0 with at most 4
 * decimals, as a JSON number or decimal text (`1.05`, `"1.05"`), at most 1000.
 */
export const indexInput = z.object({
  year: z.number().int().min(2000).max(2100),
  value: z.union([z.number(), z.string().max(20)])
    .transform((v) => (typeof v === 'number' ? String(v) : v))
    .refine((v) => /^\d{1,4}(\.\d{1,4})?$/.test(v), 'expected a number with at most 4 decimals')
    .refine((v) => !/^\d{1,4}(\.\d{1,4})?$/.test(v) || (Decimal.of(v).compare(0) > 0 && Decimal.of(v).compare(maxIndexValue) <= 0), `expected more than 0 and at most ${maxIndexValue}`)
    .transform((v) => Decimal.of(v).toFixed(4)),
});

/** index(Y): the value for Y, else the latest earlier year's, else 1 (spec). */
export function indexFor(values: readonly IndexValue[], year: number): Decimal {
  let found: IndexValue | undefined;
  for (const v of values) if (v.year <= year && (found === undefined || v.year > found.year)) found = v;
  return Decimal.of(found?.value ?? '1');
}

/**
 * The year whose prices a contract shows (`PricesUpdated`, `GET /contracts/<id>`): today's,
 * kept within the contract's days, so a draft shows its first year and an ended one its
 * last. Bills never use it: each bill is priced for its own day's year (`ReadPrices`).
 */
export function shownYear(today: string, start: string | null, end: string | null): number {
  let day = today;
  if (end !== null) day = minDay(day, end);
  if (start !== null) day = maxDay(day, start);
  return yearOf(day);
}

/** `IndexChanged`: a value set (`PUT /indexes/MILK_INDEX`). */
export const indexChangedSchema = z.object({ name: z.string(), year: z.number().int(), value: z.string() });
