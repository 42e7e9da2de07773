import { createMachine } from 'xstate';
import { shop } from './landscape.ts';

/** One instance per order (its correlation id): reserve the stock, then confirm or reject. */
const orderMachine = createMachine({
  id: 'order-process@1',
  initial: 'placed',
  states: {
    placed: { on: { OrderPlaced: { target: 'reserving', actions: shop.sendCommand('stock', 'ReserveStock', ({ event }) => event.data) } } },
    reserving: {
      on: {
        StockReserved: { target: 'done', actions: shop.publishEvent('OrderConfirmed', ({ event }) => ({ orderId: event.data.orderId })) },
        StockShort: { target: 'done', actions: shop.publishEvent('OrderRejected', ({ event }) => ({ orderId: event.data.orderId, reason: 'out of stock' })) },
      },
    },
    done: { type: 'final' },
  },
});

export const orderProcess = shop.defineOrchestrator({
  service: 'order-process',
  machines: [orderMachine],
  events: ['OrderPlaced', 'StockReserved', 'StockShort'],
  starts: ['OrderPlaced'],
});
