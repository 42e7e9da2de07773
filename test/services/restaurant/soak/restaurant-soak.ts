/**
 * `npm run soak:restaurant`: N orders through the whole restaurant (real broker and
 * database, its own namespace) while chaos drops and duplicates CookFoods on the way to
 * the cooks. Every order must reach a known end state (finished or gave-up) and none may
 * be charged twice. Prints the counts; exits 1 if either check fails.
 *
 * SOAK_ORDERS (default 40), SOAK_DODGY share of pay-first orders (default 0: pay first has
 * no alarm by the spec, so a dropped CookFood leaves it waiting for ever; see README),
 * TIME_SCALE (default 0.5: below it the real milliseconds of each hop eat into the business times), RESTAURANT_CHAOS_DROP / _DUPLICATE (default 0.1 each),
 * RESTAURANT_DISPATCH (default more-fair).
 */
import process from 'node:process';
import { dispatcherCounts, type KitchenTables } from '../../../../services/restaurant/kitchen/kitchen-store.ts';
import { createRestaurantLandscape } from '../../../../services/restaurant/mod.ts';
import { readRestaurantConfig } from '../../../../services/restaurant/config.ts';
import { readDb } from '../../../../services/restaurant/read-db.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { sleep } from '../../../support/wait.ts';
import { helpers, type Message } from '../restaurant-edge.ts';

const orders = Number(process.env.SOAK_ORDERS ?? 40);
const dodgyShare = Number(process.env.SOAK_DODGY ?? 0);
const timeScale = Number(process.env.TIME_SCALE ?? 0.5);
const config = readRestaurantConfig({
  RESTAURANT_CHAOS_DROP: '0.1', RESTAURANT_CHAOS_DUPLICATE: '0.1', ...process.env,
});
const landscape = createRestaurantLandscape(config);
const edge = await TestEdge.start('restaurant-soak', [landscape], { timeScale });
const r = helpers(edge);
const ends = ['finished', 'gave-up'];

try {
  const started = Date.now();
  const placed: string[] = [];
  for (let i = 0; i < orders; i++) {
    const dodgy = Math.random() < dodgyShare;
    const items = [{ item: 'pancake', quantity: 2 }, ...(i % 2 ? [{ item: 'ice cream', quantity: 2 }] : [])];
    placed.push((await r.order({ tableNumber: 1 + (i % 19), items, dodgy })).orderId);
    await sleep(1_000 * timeScale); // about what the three cooks manage together
  }
  // 3 alarms of 10 s and the last hops: after that every eat-first order has ended. Polled
  // one order at a time, so the soak does not crowd the restaurant's own database pool.
  const until = Date.now() + 45_000 * timeScale + 15_000;
  const views = new Map<string, any>();
  for (const id of placed) {
    for (;;) {
      const view = await r.get(id);
      views.set(id, view);
      if (ends.includes(view.status) || Date.now() > until) break;
      await sleep(100);
    }
  }
  const flows: Message[][] = [];
  for (const id of placed) flows.push(await r.messages(id));
  const count = (flow: Message[], type: string, source?: string) => flow.filter((m) => m.type === type && (!source || m.source === source)).length;
  const kitchen = await dispatcherCounts(readDb<KitchenTables>(edge.system, landscape.actors.find((a) => a.service === 'kitchen')!));
  const byStatus: Record<string, number> = {};
  for (const view of views.values()) byStatus[view.status] = (byStatus[view.status] ?? 0) + 1;
  const chargedTwice = flows.filter((flow) => count(flow, 'TakePayment') > 1 || count(flow, 'OrderPaid') > 1).length;
  const notEnded = [...views.values()].filter((v) => !ends.includes(v.status));
  const summary = {
    orders, dodgy: [...views.values()].filter((v) => v.dodgy).length, timeScale, dispatch: config.dispatch, chaos: config.chaos,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    status: byStatus,
    kitchen,
    cookFoodRetries: flows.reduce((n, flow) => n + Math.max(0, count(flow, 'CookFood', 'restaurant.process-manager') - 1), 0),
    duplicateFoodCooked: flows.reduce((n, flow) => n + count(flow, 'DuplicateFoodCooked'), 0),
    chargedTwice,
    notEnded: notEnded.map((v) => ({ orderId: v.orderId, status: v.status, dodgy: v.dodgy, state: v.process?.state })),
    cooks: await r.cooks(),
  };
  console.log(JSON.stringify(summary, null, 2));
  const ok = notEnded.length === 0 && chargedTwice === 0;
  console.log(ok ? 'SOAK OK: every order ended (finished or gave-up), none charged twice' : 'SOAK FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await edge.cleanup();
}
