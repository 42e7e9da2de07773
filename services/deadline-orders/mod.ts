import type { Landscape } from '../landscape.ts';
import { deadlineService } from './deadline/deadline-actor.ts';
import { deadlineOrdersEdge } from './edge.ts';
import { exchangeService } from './exchange/exchange-actor.ts';
import { landscape } from './messages.ts';
import { monitorService } from './monitor/monitor-actor.ts';
import { orderService } from './order/order-actor.ts';
import { pointService } from './point/point-actor.ts';
import { deadlineOrdersSecurity } from './security.ts';

/** deadline-orders (spec/deadline-orders.md): order → exchange → points, with a deadline and compensation in order. */
export const deadlineordersLandscape: Landscape = {
  name: landscape,
  actors: [orderService, exchangeService, pointService, deadlineService, monitorService],
  edge: deadlineOrdersEdge,
  securityModel: deadlineOrdersSecurity,
};

export { deadlineService, exchangeService, monitorService, orderService, pointService };
