import type { MenuItem, OrderDocument } from '../document/order-document.ts';

/** How long an order is worth cooking (business ms, scaled): `expires` = now + 15 s. */
export const orderLifetime = 15_000;

export interface OrderRequest {
  tableNumber: number;
  items: ReadonlyArray<{ item: MenuItem; quantity: number }>;
  dodgy?: boolean;
}

/**
 * The waiter writes the items on a fresh document; every other field starts empty for the
 * actor that owns it. `lifetime` is the scaled order lifetime.
 */
export function placeOrder(request: OrderRequest, orderId: string, now: number, lifetime: number): OrderDocument {
  return {
    orderId,
    tableNumber: request.tableNumber,
    items: request.items.map((line) => ({ item: line.item, quantity: line.quantity, price: 0 })),
    subtotal: 0,
    tax: 0,
    total: 0,
    cookTime: 0,
    ingredients: '',
    paid: false,
    dodgy: request.dodgy ?? false,
    expires: new Date(now + lifetime).toISOString(),
  };
}
