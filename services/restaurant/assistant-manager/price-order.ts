import { prices } from '../document/menu.ts';
import { writeFields, type OrderDocument } from '../document/order-document.ts';

/** Business ms the assistant manager takes per order. */
export const pricingTime = 500;

/**
 * Prices each line, then `tax = floor(subtotal × 0.25)` and `total = subtotal + tax`.
 * Whole units and integer arithmetic: `floor(subtotal / 4)` is the quarter without floats.
 */
export function priceOrder(document: OrderDocument): OrderDocument {
  const items = document.items.map((line) => ({ ...line, price: prices[line.item] }));
  const subtotal = items.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const tax = Math.floor(subtotal / 4);
  return writeFields(document, { items, subtotal, tax, total: subtotal + tax });
}
