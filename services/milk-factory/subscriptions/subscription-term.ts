import { addDays, daysBetween } from '../shared/calendar-day.ts';

/** A subscription's contract year and term: 360 days (spec: "runs 360 days", "extend by 360 days"). */
export const termDays = 360;

/**
 * The last day of a subscription starting on `start`: its term is 360 days, both ends
 * included (`start + 359`), so its contract years tile the contract exactly and an
 * extension adds whole years. (A one-off contract's `end` stays `start + duration`.)
 */
export function subscriptionEnd(start: string): string {
  return addDays(start, termDays - 1);
}

/** The contract year `day` falls in: its first and last day (years count from the start). */
export function contractYearOf(start: string, day: string): { from: string; to: string } {
  const year = Math.floor(daysBetween(start, day) / termDays);
  const from = addDays(start, year * termDays);
  return { from, to: addDays(from, termDays - 1) };
}

export type Renewal =
  | { kind: 'none' }
  | { kind: 'extend'; ends: string[] }
  | { kind: 'expire' };

/**
 * What a billing run for `date` does to a RUNNING subscription (spec): nothing while `date`
 * is within its term; past its end, extend it by 360 days when `autoExtend` (as many terms
 * as reach `date`: one `ContractExtended` each, so `ends` lists every new end) and otherwise
 * expire it.
 */
export function renewalFor(subscription: { end: string; autoExtend: boolean }, date: string): Renewal {
  if (date <= subscription.end) return { kind: 'none' };
  if (!subscription.autoExtend) return { kind: 'expire' };
  const ends: string[] = [];
  let end = subscription.end;
  while (end < date) {
    end = addDays(end, termDays);
    ends.push(end);
  }
  return { kind: 'extend', ends };
}
