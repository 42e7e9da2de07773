import { createRestaurantLandscape, type RestaurantConfig } from '../../../services/restaurant/mod.ts';
import { TestEdge, type TestEdgeOptions } from '../../support/landscape-edge.ts';
import { eventually } from '../../support/wait.ts';
import type { OrderMessage } from '../../../services/restaurant/waiter/order-messages.ts';

/**
 * 10 s alarm = 4 s, cooks 0.6–1.2 s, orders expire after 6 s: fast enough, with room for
 * the message hops (real milliseconds, many more on a busy machine running the whole
 * suite) inside the business times, so a slow hop does not ring the alarm.
 */
export const timeScale = 0.4;

/** An entry of `GET /orders/<id>/messages`. */
export type Message = OrderMessage;

/** The restaurant behind a TestEdge, configured as a test needs (dispatch, scripted chaos). */
export async function restaurantEdge(label: string, config: Partial<RestaurantConfig> = {}, options: TestEdgeOptions = {}) {
  const landscape = createRestaurantLandscape({ dispatch: 'more-fair', chaos: { drop: 0, duplicate: 0 }, random: Math.random, ...config });
  const edge = await TestEdge.start(label, [landscape], { timeScale, ...options });
  const restaurant = { edge, landscape, ...helpers(edge) };
  // The first order warms up connections and code paths, so the tests' orders run at speed.
  await restaurant.untilStatus((await restaurant.order()).orderId, ['finished', 'gave-up']);
  return restaurant;
}

export function helpers(edge: TestEdge) {
  const order = async (body: unknown = { tableNumber: 4, items: [{ item: 'pancake', quantity: 2 }] }) =>
    edge.expect<{ orderId: string; correlationId: string }>(202, 'POST', '/api/restaurant/orders', { body });
  const get = (orderId: string) => edge.expect(200, 'GET', `/api/restaurant/orders/${orderId}`);
  const untilStatus = (orderId: string, statuses: string[], timeout = 20_000) => eventually(async () => {
    const found = await get(orderId);
    return statuses.includes(found.status) ? found : undefined;
  }, timeout, `order ${orderId} ${statuses.join(' or ')}`);
  const messages = (orderId: string) => edge.expect<Message[]>(200, 'GET', `/api/restaurant/orders/${orderId}/messages`);
  const cooks = () => edge.expect<Array<{ name: string; queueLength: number; cooked: number; paused: boolean; mostHeld: number }>>(200, 'GET', '/api/restaurant/cooks');
  const pause = (name: string, paused: boolean) => edge.expect(200, 'PUT', `/api/restaurant/cooks/${name}`, { as: 'admin', body: { paused } });
  return { order, get, untilStatus, messages, cooks, pause };
}

/** The order's messages without its alarms (CookingTimedOut), which ring on their own clock. */
export function withoutAlarms(messages: Message[]): Message[] {
  return messages.filter((m) => m.type !== 'CookingTimedOut');
}

/** The types of the order's messages without its alarms, a command marked `!`. */
export function domainTypes(messages: Message[]): string[] {
  return withoutAlarms(messages).map((m) => `${m.type}${m.kind === 'command' ? '!' : ''}`);
}
