import { recipes } from '../document/menu.ts';
import { writeFields, type OrderDocument } from '../document/order-document.ts';

/**
 * A cook's work on the document: the ingredients of every dish (joined with `, `) and the
 * cook's time added to `cookTime`. Nothing else changes.
 */
export function cookFood(document: OrderDocument, cookTime: number): OrderDocument {
  const ingredients = document.items.flatMap((line) => recipes[line.item]).join(', ');
  return writeFields(document, { ingredients, cookTime: document.cookTime + cookTime });
}

/** A CookFood past the order's `expires` is dropped, not cooked (spec "cooks"). */
export function isExpired(document: Pick<OrderDocument, 'expires'>, now: number): boolean {
  return Date.parse(document.expires) <= now;
}
