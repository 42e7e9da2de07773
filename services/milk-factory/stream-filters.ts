import type { Envelope } from '../../actors/mod.ts';
import type { StreamFilter } from '../../gateway/landscape.ts';

/** The contract an event is about, whichever service published it. */
export function contractIdOf(event: Envelope): string | undefined {
  const data = event.data as Record<string, any>;
  return data.contractId ?? data.contract?.id ?? data.foreignId ?? data.referenceId ?? undefined;
}

/** Every contract an event is about: `ContractReplaced {oldId, newId}` is about two, `DraftDeleted` about the one it would have replaced too. */
export function contractIdsOf(event: Envelope): string[] {
  const data = event.data as Record<string, any>;
  const ids = [contractIdOf(event), data.oldId, data.newId, data.replaces].filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/**
 * Stream filters besides sessionId and correlationId: `contractId` (a contract page, its
 * bills too), `partnerId` (a partner page), `userId` (my tasks: cases whose tasks name the
 * user), `jobId` (one billing job), `type` (comma-separated message types: the billing board
 * takes `BillingJobChanged,BillingGroupChanged` without the flood of `BillCreated`).
 */
export const milkFactoryStreamFilters: Record<string, StreamFilter> = {
  contractId: (event, value) => contractIdsOf(event).includes(value),
  partnerId: (event, value) => (event.data as Record<string, any>).partnerId === value || (event.data as Record<string, any>).partner?.id === value,
  userId: (event, value) => Array.isArray(event.data.tasks) && (event.data.tasks as Array<{ userId?: string }>).some((t) => t.userId === value),
  jobId: (event, value) => (event.data as Record<string, unknown>).jobId === value,
  type: (event, value) => value.split(',').includes(event.type),
};
