import { z } from 'zod';

// Calendar days as the API writes them, `YYYY-MM-DD`, computed in UTC so no time zone
// moves a day. Billing counts days; text compares in calendar order.

const dayMs = 86_400_000;
const dayText = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day (`2023-02-30` is not, though Date.parse takes it). */
export function isCalendarDay(text: string): boolean {
  const match = dayText.exec(text);
  if (!match) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === text;
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * dayMs).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

export const minDay = (a: string, b: string): string => (a <= b ? a : b);
export const maxDay = (a: string, b: string): string => (a >= b ? a : b);

/** A `YYYY-MM-DD` field that must be a real day within the years the landscape serves. */
export const calendarDay = z.string().max(10)
  .refine(isCalendarDay, 'expected a calendar day YYYY-MM-DD')
  .refine((day) => day >= '2000-01-01' && day <= '2100-12-31', 'expected a day from 2000-01-01 to 2100-12-31');
