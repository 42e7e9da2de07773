import { shop } from './landscape.ts';

export interface StockTables {
  stock: { item: string; available: number };
}

/** Reserves stock for an order: one transaction for the row and the event it publishes. */
export const stockActor = shop.defineActor<StockTables>({
  service: 'stock',
  commands: {
    // A bare handler: the catalogue's schema validates and types `message.data`.
    ReserveStock: async (message, context) => {
      const { orderId, item, quantity } = message.data;
      const reserved = await context.db.updateTable('stock').set((eb) => ({ available: eb('available', '-', quantity) }))
        .where('item', '=', item).where('available', '>=', quantity).executeTakeFirst();
      if (reserved.numUpdatedRows === 1n) context.publish('StockReserved', message.data);
      else context.publish('StockShort', { orderId, item });
    },
  },
});
