import { on } from '../../../actors/mod.ts';
import type { RestaurantConfig } from '../config.ts';
import { restaurant, type RestaurantContext } from '../landscape.ts';
import { orderDocument, type OrderDocument } from '../document/order-document.ts';
import { copiesToDeliver } from './chaos.ts';
import { isExpired } from './cook-food.ts';
import { cookService, scaledCookTime } from './cooks.ts';
import { chooseCook } from './dispatch-strategy.ts';
import { completeAssignment, cookLoads, countDispatch, forgetOldAssignments, lockDispatcher, recordAssignment, type KitchenTables } from './kitchen-store.ts';

/** While no cook may take an order, the kitchen looks again this much later (business ms). */
export const holdInterval = 1_000;

/**
 * The kitchen's dispatcher: takes the process manager's CookFood and hands it to one cook
 * by the configured strategy (`dispatch-strategy.ts`). One decision at a time (its row
 * lock and concurrency 1), so the loads it decides on are true. While nobody may take the
 * order (every cook paused, or all at the more-fair bound) it holds it: an alarm clock to
 * itself. Chaos (drop / duplicate) happens here, on the way to the cooks.
 */
export function kitchenActor(config: RestaurantConfig) {
  return restaurant.defineActor<KitchenTables>({
    service: 'kitchen',
    concurrency: 1,
    commands: {
      CookFood: on(orderDocument, (message, context) => dispatch(config, message.data, context)),
    },
    events: {
      OrderCooked: on(orderDocument, async (message, context) => {
        if (message.metadata.causationId) await completeAssignment(context.db, message.metadata.causationId, new Date(context.clock.now()));
      }),
    },
  });
}

async function dispatch(config: RestaurantConfig, document: OrderDocument, context: RestaurantContext<KitchenTables>): Promise<void> {
  const now = context.clock.now();
  if (isExpired(document, now)) {
    context.logger.info({ orderId: document.orderId }, 'CookFood for an expired order dropped, not dispatched');
    return;
  }
  const kitchen = context.db;
  const { dispatched } = await lockDispatcher(kitchen);
  await forgetOldAssignments(kitchen, new Date(now));
  const loads = await cookLoads(kitchen, new Date(now), (cook) => scaledCookTime(context.clock, cook));
  const choose = (delivered: number) => chooseCook({ strategy: config.dispatch, cooks: loads, dispatched: dispatched + delivered, tableNumber: document.tableNumber });
  if (!choose(0)) {
    context.sendLater('CookFood', document, { delay: holdInterval }, { deadline: document.expires });
    return;
  }
  // Chaos strikes only what is really on its way to a cook, not an order the kitchen holds.
  const copies = copiesToDeliver(config.chaos, config.random());
  if (copies === 0) {
    context.logger.info({ orderId: document.orderId }, 'chaos: CookFood dropped on the way to the cooks');
    await countDispatch(kitchen, { dispatched: 0, dropped: 1, duplicated: 0 });
    return;
  }
  let delivered = 0;
  // A duplicate is a second delivery: it is dispatched like any order, so it too respects the bound.
  for (let copy = 0; copy < copies; copy++) {
    const cook = choose(delivered);
    if (!cook) break;
    const load = loads.find((l) => l.name === cook)!;
    load.holding += 1;
    // The deadline is the order's expiry: an expired CookFood is dropped, not cooked (rule 8).
    const sent = context.send(cookService(cook), 'CookFood', document, { deadline: document.expires });
    await recordAssignment(kitchen, { messageId: sent.id, orderId: document.orderId, cook, expires: document.expires, holding: load.holding });
    delivered += 1;
  }
  await countDispatch(kitchen, { dispatched: delivered, dropped: 0, duplicated: delivered - 1 });
}
