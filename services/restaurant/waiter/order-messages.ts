import { timerMessageType } from '../../../actors/mod.ts';
import { cookingTimedOut } from '../process-manager/order-process-setup.ts';

/** A row of the runtime's flow log, as the order's messages are read from it. */
export interface FlowRow {
  message_id: string;
  causation_id: string | null;
  correlation_id: string;
  type: string;
  kind: string;
  source: string;
  actor: string;
  direction: 'handled' | 'emitted';
  occurred_at: Date | string;
  recorded_at: Date | string;
}

/** One entry of `GET /orders/<id>/messages` (spec "REST"), plus the actor that sent it. */
export interface OrderMessage {
  id: string;
  type: string;
  kind: string;
  correlationId: string;
  causationId: string | null;
  source: string;
  at: string;
}

const kitchen = 'restaurant.kitchen';
const processManager = 'restaurant.process-manager';

/**
 * The order's messages as the spec tells its process: every message once, in the order
 * recorded, each caused by the message the spec names as its cause. The flow log holds the
 * wire, which has two hops the spec does not name, and this view folds them (the whole wire
 * stays in `GET /api/admin/flows/<correlationId>`):
 *
 * - The kitchen's CookFood (to a cook, or to itself while it holds the order) is the
 *   process manager's CookFood on its way to a cook: dispatch, not a step of the process.
 *   It is not listed; what it caused (the cook's OrderCooked) is listed as caused by the
 *   process manager's CookFood it carries on.
 * - The process manager's durable timer (`actors.timer` on the wire) is its alarm clock,
 *   listed as CookingTimedOut where it rang: at the process manager's handling of it, with
 *   that time; one not yet due is no message of the process yet.
 */
export function orderMessages(rows: readonly FlowRow[]): OrderMessage[] {
  /** A kitchen CookFood's id → the id of the CookFood it carries on. */
  const relayed = new Map<string, string | null>();
  for (const row of rows) if (isRelay(row)) relayed.set(row.message_id, row.causation_id);
  const cause = (id: string | null): string | null => {
    let current = id;
    for (let hops = 0; current !== null && relayed.has(current) && hops <= relayed.size; hops++) current = relayed.get(current)!;
    return current;
  };

  const seen = new Set<string>();
  const messages: OrderMessage[] = [];
  for (const row of rows) {
    if (seen.has(row.message_id) || relayed.has(row.message_id)) continue;
    const alarm = row.type === timerMessageType && row.source === processManager;
    if (alarm && !(row.direction === 'handled' && row.actor === processManager)) continue;
    seen.add(row.message_id);
    messages.push({
      id: row.message_id,
      type: alarm ? cookingTimedOut : row.type,
      kind: row.kind,
      correlationId: row.correlation_id,
      causationId: cause(row.causation_id),
      source: row.source,
      at: new Date(alarm ? row.recorded_at : row.occurred_at).toISOString(),
    });
  }
  return messages;
}

function isRelay(row: FlowRow): boolean {
  return row.type === 'CookFood' && row.source === kitchen;
}
