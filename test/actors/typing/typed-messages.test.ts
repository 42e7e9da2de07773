import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineLandscape, defineMessages, on, type Emit, type Envelope } from '../../../actors/mod.ts';

const order = z.object({ orderId: z.string() });
const messages = defineMessages({
  commands: { PlaceOrder: order },
  events: { OrderPlaced: order, OrderRejected: z.object({ orderId: z.string(), reason: z.string() }) },
});
const shop = defineLandscape({ name: 'shop', messages });
interface ShopTables { orders: { id: string; state: string } }

// Compiled by `npm run typecheck` (tsconfig includes test/): each `@ts-expect-error` must meet an error.
export const orders = shop.defineActor<ShopTables>({
  service: 'orders',
  commands: {
    PlaceOrder: on(order, async (message, context) => {
      expectTypeOf(message.data).toEqualTypeOf<{ orderId: string }>();
      await context.db.insertInto('orders').values({ id: message.data.orderId, state: 'PLACED' }).execute();
      const placed = context.publish('OrderPlaced', { orderId: message.data.orderId });
      expectTypeOf(placed).toEqualTypeOf<Envelope<'OrderPlaced', { orderId: string }>>();
      // @ts-expect-error an event type the catalogue does not name
      context.publish('OrderShipped', { orderId: message.data.orderId });
      // @ts-expect-error wrong data: OrderRejected needs a reason
      context.publish('OrderRejected', { orderId: message.data.orderId });
      // @ts-expect-error a command is sent, not published
      context.publish('PlaceOrder', { orderId: message.data.orderId });
      // @ts-expect-error a table the actor does not have
      await context.db.selectFrom('customers').selectAll().execute();
    }),
  },
  events: {
    // A bare handler: its data typed (and validated) by the catalogue.
    OrderRejected: (message, context) => {
      expectTypeOf(message.data.reason).toEqualTypeOf<string>();
      context.send('orders', 'PlaceOrder', { orderId: message.data.orderId });
    },
    // @ts-expect-error an event the catalogue does not name cannot be handled
    OrderShipped: () => {},
  },
});

describe('typed messages', () => {
  it('an event to publish as data is one member per catalogue event', () => {
    expectTypeOf<Emit<typeof messages>>().toEqualTypeOf<
      { type: 'OrderPlaced'; data: { orderId: string } } | { type: 'OrderRejected'; data: { orderId: string; reason: string } }
    >();
    expect(Object.keys(messages.events)).toEqual(['OrderPlaced', 'OrderRejected']);
  });

  it('a landscape actor carries its landscape and catalogue', () => {
    expect(orders.landscape).toBe('shop');
    expect(orders.messages).toBe(messages);
  });

  it('a type declared both as a command and as an event is refused', () => {
    expect(() => defineMessages({ commands: { A: order }, events: { A: order } })).toThrow(/both command and event: A/);
  });

  // The same mistakes without `@ts-expect-error`: tsc must refuse them, one error each.
  it('emitting an unknown type or wrong data fails to compile', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'typed-messages-'));
    try {
      const mod = join(root, 'actors/mod.ts');
      await writeFile(join(dir, 'wrong.ts'), [
        `import { z } from '${join(root, 'node_modules/zod/index.js')}';`,
        `import { defineLandscape, defineMessages } from '${mod}';`,
        `const messages = defineMessages({ events: { OrderPlaced: z.object({ orderId: z.string() }) } });`,
        `const shop = defineLandscape({ name: 'shop', messages });`,
        `export const actor = shop.defineActor({ service: 's', events: { OrderPlaced: (message, context) => {`,
        `  context.publish('OrderShipped', { orderId: message.data.orderId });`,
        `  context.publish('OrderPlaced', { orderId: 42 });`,
        `} } });`,
      ].join('\n'));
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
          allowImportingTsExtensions: true, skipLibCheck: true, types: [], typeRoots: [join(root, 'node_modules/@types')],
        },
        files: ['wrong.ts'],
      }));
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const output = await promisify(execFile)(process.execPath, [tsc, '-p', dir], { cwd: dir }).then(
        () => '', (failure: { stdout: string }) => failure.stdout);
      const errors = output.split('\n').filter((line) => line.startsWith('wrong.ts('));
      expect(errors).toHaveLength(2);
      expect(errors[0]).toMatch(/^wrong\.ts\(6,\d+\): error TS2345: Argument of type '"OrderShipped"'/);
      expect(errors[1]).toMatch(/^wrong\.ts\(7,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
