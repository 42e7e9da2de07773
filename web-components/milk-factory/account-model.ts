import type { Bill, Contract, Delivery, Requisition } from './model.ts';

// My Account's pure rules: what it shows from the REST answers and the stream's events.

const dayMs = 86_400_000;
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

/**
 * The first day the next bill will cover: the day after the last billed one (or the start),
 * while the contract is RUNNING and that day is within it (a subscription that extends
 * itself goes on past its end). Undefined when no bill is to come.
 */
export function nextBillDay(contract: Pick<Contract, 'state' | 'start' | 'end' | 'autoExtend'>, bills: readonly Pick<Bill, 'to'>[]): string | undefined {
  if (contract.state !== 'RUNNING') return undefined;
  const last = bills.reduce<string | undefined>((max, bill) => (max === undefined || bill.to > max ? bill.to : max), undefined);
  const next = last === undefined ? contract.start : nextDay(last);
  return next <= contract.end || contract.autoExtend ? next : undefined;
}

/** "3 of 20" boxes claimed; undefined for a one-off contract. */
export function quotaText(contract: Pick<Contract, 'quota'>): string | undefined {
  return contract.quota ? `${contract.quota.claimed} of ${contract.quota.total}` : undefined;
}

/** A `RequisitionChanged` merged into the list (by id; a PENDING event never undoes a final state it arrives after). */
export function mergeRequisition(list: readonly Requisition[], changed: Requisition): Requisition[] {
  const index = list.findIndex((r) => r.requisitionId === changed.requisitionId);
  if (index === -1) return [...list, changed];
  if (changed.state === 'PENDING' && list[index]!.state !== 'PENDING') return [...list];
  return list.map((r, i) => (i === index ? { ...r, ...changed } : r));
}

/** A `DeliveryChanged` or `BillCreated` merged into a list by its id. */
export function mergeById<T>(list: readonly T[], item: T, idOf: (item: T) => string): T[] {
  const index = list.findIndex((x) => idOf(x) === idOf(item));
  return index === -1 ? [...list, item] : list.map((x, i) => (i === index ? item : x));
}

export const byDelivery = (d: Delivery) => d.deliveryId;
export const byBill = (b: Bill) => b.billId;

/** The contracts a customer may claim boxes from: RUNNING subscriptions. */
export function claimable(contracts: readonly Contract[]): Contract[] {
  return contracts.filter((c) => c.type === 'SUBSCRIPTION' && c.state === 'RUNNING');
}
