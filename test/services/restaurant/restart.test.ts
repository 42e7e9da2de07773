import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type ActorSystem } from '../../../actors/mod.ts';
import { createRestaurantLandscape } from '../../../services/restaurant/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { helpers, timeScale } from './restaurant-edge.ts';

// The process manager runs in its own process (actor system); the rest of the restaurant
// and the edge in another, sharing the namespace, the broker and the database.
const restaurant = createRestaurantLandscape({ dispatch: 'more-fair', chaos: { drop: 0, duplicate: 0 }, random: Math.random });
const processManager = restaurant.actors.find((actor) => actor.service === 'process-manager')!;
let edge: TestEdge;
let r: ReturnType<typeof helpers>;
let pmProcess: ActorSystem;

const startProcessManager = () => edge.systems.start({ actors: [processManager], database: true, clock: systemClock(timeScale) });

beforeAll(async () => {
  edge = await TestEdge.start('restaurant-restart', [restaurant], { timeScale, actors: restaurant.actors.filter((a) => a !== processManager) });
  r = helpers(edge);
  pmProcess = await startProcessManager();
  await r.untilStatus((await r.order()).orderId, ['finished']); // warm-up
});
afterAll(() => edge?.cleanup());

const processState = async (orderId: string) => (await r.get(orderId)).process?.state;

describe('the process manager restarting mid-order', () => {
  it('resumes from its stored state and sends no command twice', async () => {
    const { orderId } = await r.order();
    await eventually(async () => JSON.stringify(await processState(orderId)) === '{"eatFirst":"cooking"}', 10_000, 'cooking');
    await pmProcess.stop(); // the food is cooked while no process manager runs
    await eventually(async () => (await r.messages(orderId)).some((m) => m.type === 'OrderCooked'), 10_000, 'OrderCooked');
    expect(JSON.stringify(await processState(orderId))).toBe('{"eatFirst":"cooking"}');

    // Second stop: while the cashier is away and the process manager waits for the payment.
    const cashier = edge.system.names.mailbox('restaurant', 'cashier');
    await edge.system.operations.pause(cashier);
    pmProcess = await startProcessManager();
    await eventually(async () => JSON.stringify(await processState(orderId)) === '{"eatFirst":"paying"}', 10_000, 'paying');
    await pmProcess.stop();
    await edge.system.operations.resume(cashier);
    await eventually(async () => (await r.messages(orderId)).some((m) => m.type === 'OrderPaid'), 10_000, 'OrderPaid');

    pmProcess = await startProcessManager();
    const done = await r.untilStatus(orderId, ['finished']);
    expect(done.process).toMatchObject({ state: 'finished' });
    await sleep(10_000 * timeScale); // past the (scaled) 10 s alarm, which must not cook again
    const types = (await r.messages(orderId)).map((m) => m.type);
    for (const command of ['CookFood', 'PriceOrder', 'TakePayment', 'ProcessFinished']) {
      const sent = (await r.messages(orderId)).filter((m) => m.type === command && m.source === 'restaurant.process-manager');
      expect(sent, command).toHaveLength(1);
    }
    expect(types.filter((t) => t === 'OrderCooked')).toHaveLength(1);
  });
});
