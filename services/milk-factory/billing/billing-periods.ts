import { addDays, daysBetween, minDay } from '../shared/calendar-day.ts';

/** A contract as billing sees it: its days, and the last one billed (null: none yet). */
export interface BillableContract {
  contractId: string;
  startDay: string;
  endDay: string;
  billedTo: string | null;
}

/** The days one bill covers, both included. */
export interface BillPeriod {
  from: string;
  to: string;
}

/** The first day not billed yet: the day after the billed-to day, or the start. */
export function firstUnbilledDay(contract: BillableContract): string {
  return contract.billedTo === null ? contract.startDay : addDays(contract.billedTo, 1);
}

/**
 * What a run for `date` bills of a contract (spec): day by day from its first unbilled day
 * up to and including `min(date, end)`; nothing when that is empty (billed up to `date`,
 * or past its end). A daily bill is one day, `from = to`. Yearly bills (subscriptions) will
 * be periods of a contract year here; the callers take whatever periods this answers and
 * move the billed-to day to the last one's `to`.
 */
export function periodsToBill(contract: BillableContract, date: string): BillPeriod[] {
  const first = firstUnbilledDay(contract);
  const last = minDay(date, contract.endDay);
  const count = daysBetween(first, last) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const day = addDays(first, i);
    return { from: day, to: day };
  });
}
