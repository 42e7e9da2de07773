import type { DraftComponent } from '../products/draft-component.ts';

/** The root CardboardBox's QUANTITY: a subscription's yearly quota of boxes, a one-off contract's boxes (spec). */
export function boxQuantity(components: readonly DraftComponent[]): number {
  const root = components.find((c) => c.parentId === null);
  const quantity = root?.configs.find((c) => c.name === 'QUANTITY')?.value;
  return quantity === undefined ? 0 : Number(quantity);
}

export interface QuotaState {
  state: string;
  total: number;
  claimed: number;
  term: number;
}

/** RESERVED counts in claimed; EXCEEDED and NOT_RUNNING reserved nothing; RELEASED gave back (or was never made). */
export type ReservationState = 'RESERVED' | 'EXCEEDED' | 'NOT_RUNNING' | 'RELEASED';

/** What contracts already decided for a requisition (by its id), if anything. */
export interface Reservation {
  quantity: number;
  term: number;
  state: ReservationState;
  reason: string | null;
}

export type ReserveOutcome =
  | { answer: 'QuotaReserved'; record?: Reservation; claimed: number }
  | { answer: 'QuotaExceeded'; record?: Reservation; claimed: number; reason: string }
  | { answer: 'ContractNotRunning'; record?: Reservation; claimed: number; reason: string }
  | { answer: 'QuotaReleased'; claimed: number };

/**
 * `ReserveQuota` (spec step 1): reserve the boxes if `claimed + quantity ≤ total` on a
 * RUNNING contract. One decision per requisition: a copy of the command answers what was
 * decided (no second reservation), and a reservation released before it arrived is never
 * made. `record` is the new decision to store; none when one was stored already.
 */
export function decideReservation(contract: QuotaState, quantity: number, earlier: Reservation | undefined): ReserveOutcome {
  const claimed = contract.claimed;
  if (earlier?.state === 'RESERVED') return { answer: 'QuotaReserved', claimed };
  if (earlier?.state === 'RELEASED') return { answer: 'QuotaReleased', claimed };
  if (earlier?.state === 'EXCEEDED') return { answer: 'QuotaExceeded', claimed, reason: earlier.reason ?? 'quota exceeded' };
  if (earlier?.state === 'NOT_RUNNING') return { answer: 'ContractNotRunning', claimed, reason: earlier.reason ?? 'contract not running' };
  if (contract.state !== 'RUNNING') {
    const reason = `contract is ${contract.state}, not RUNNING`;
    return { answer: 'ContractNotRunning', claimed, reason, record: { quantity, term: contract.term, state: 'NOT_RUNNING', reason } };
  }
  if (claimed + quantity > contract.total) {
    const reason = `quota exceeded: ${claimed} of ${contract.total} boxes claimed, ${quantity} more asked`;
    return { answer: 'QuotaExceeded', claimed, reason, record: { quantity, term: contract.term, state: 'EXCEEDED', reason } };
  }
  return { answer: 'QuotaReserved', claimed: claimed + quantity, record: { quantity, term: contract.term, state: 'RESERVED', reason: null } };
}

export interface ReleaseOutcome {
  /** The boxes claimed afterwards. */
  claimed: number;
  /** The decision to store: RELEASED (also for a reservation not made yet, so it never is). */
  record?: Reservation;
}

/**
 * `ReleaseQuota` (deadline, termination): give back a reservation's boxes, once. A
 * reservation of an earlier term gives nothing back (claimed went to 0 when the contract
 * was extended); an exceeded or refused one had reserved nothing.
 */
export function decideRelease(contract: QuotaState, quantity: number, earlier: Reservation | undefined): ReleaseOutcome {
  if (!earlier) return { claimed: contract.claimed, record: { quantity, term: contract.term, state: 'RELEASED', reason: 'released before reserved' } };
  if (earlier.state !== 'RESERVED') return { claimed: contract.claimed };
  const givesBack = earlier.term === contract.term ? earlier.quantity : 0;
  return { claimed: Math.max(0, contract.claimed - givesBack), record: { ...earlier, state: 'RELEASED' } };
}
