import { withMessaging, type Landscape } from '../landscape.ts';
import { deadlineActor } from './deadline/deadline-actor.ts';
import { deadlineOrdersEdge } from './edge.ts';
import { exchangeActor } from './exchange/exchange-actor.ts';
import { deadlineOrdersMessages, landscape } from './messages.ts';
import { monitorActor } from './monitor/monitor-actor.ts';
import { orderActor } from './order/order-actor.ts';
import { pointActor } from './point/point-actor.ts';
import { deadlineOrdersSecurity } from './security.ts';

/** deadline-orders (spec/deadline-orders.md): order → exchange → points, with a deadline and compensation in order. */
export const deadlineordersLandscape: Landscape = withMessaging({
  name: landscape,
  actors: [orderActor, exchangeActor, pointActor, deadlineActor, monitorActor],
  edge: deadlineOrdersEdge,
  securityModel: deadlineOrdersSecurity,
}, deadlineOrdersMessages);

export { deadlineActor, exchangeActor, monitorActor, orderActor, pointActor };
