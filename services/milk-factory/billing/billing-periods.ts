import { addDays, daysBetween, minDay } from '../shared/calendar-day.ts';
import { contractYearOf } from '../subscriptions/subscription-term.ts';

/** A contract as billing sees it: its days, and the last one billed (null: none yet). */
export interface BillableContract {
  contractId: string;
  startDay: string;
  endDay: string;
  billedTo: string | null;
  /** A subscription: one bill per contract year. */
  yearly?: boolean;
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
 * or past its end). A daily bill is one day, `from = to`; a subscription's bills are its
 * contract years (`yearsToBill`). The callers take whatever periods this answers and move
 * the billed-to day to the last one's `to`.
 */
export function periodsToBill(contract: BillableContract, date: string): BillPeriod[] {
  if (contract.yearly) return yearsToBill(contract, date);
  const first = firstUnbilledDay(contract);
  const last = minDay(date, contract.endDay);
  const count = daysBetween(first, last) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const day = addDays(first, i);
    return { from: day, to: day };
  });
}

/**
 * A subscription's bills for a run on `date` (spec): one per contract year whose first day
 * is not billed yet and is reached by `date` (and within the contract), `from` its first
 * day, `to` its last (never past the end: a terminated subscription's last year is short).
 */
export function yearsToBill(contract: BillableContract, date: string): BillPeriod[] {
  const periods: BillPeriod[] = [];
  const last = minDay(date, contract.endDay);
  for (let from = firstUnbilledDay(contract); from <= last;) {
    const year = contractYearOf(contract.startDay, from);
    periods.push({ from, to: minDay(year.to, contract.endDay) });
    from = addDays(year.to, 1);
  }
  return periods;
}
