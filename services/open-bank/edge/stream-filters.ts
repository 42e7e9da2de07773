import type { Envelope } from '../../../actors/mod.ts';
import type { StreamFilter } from '../../../gateway/landscape.ts';

/**
 * The stream's filters (spec "GET /stream?iban=&minAmount=&direction="): each narrows the
 * stream to BalanceChanged events. A client's transfer outcomes come on the same stream
 * filtered by its `sessionId` (common filter), or from `GET /transfers/<id>?waitMs=`.
 */
const changeOf = (event: Envelope) => (event.type === 'BalanceChanged' ? (event.data as { iban?: unknown; changedBy?: unknown }) : undefined);

export const streamFilters: Record<string, StreamFilter> = {
  iban: (event, value) => changeOf(event)?.iban === value,
  // The absolute amount, so a debit of 50.00 passes minAmount=5000 as a credit of 50.00 does.
  minAmount: (event, value) => {
    const changedBy = Number(changeOf(event)?.changedBy);
    const min = Number(value);
    return Number.isFinite(changedBy) && Number.isFinite(min) && Math.abs(changedBy) >= min;
  },
  direction: (event, value) => {
    const changedBy = Number(changeOf(event)?.changedBy);
    if (value === 'DEBIT') return changedBy < 0;
    if (value === 'CREDIT') return changedBy > 0;
    return false;
  },
};
