import { ValidationError } from '../../../actors/mod.ts';
import { products, type Product } from './product-catalogue.ts';

export const noMatchingDefinition = 'No matching contract definition - try a different date or product';

/** The product a draft may be made of: a known product whose start is on or after its valid-from date; else 400. */
export function contractDefinition(productId: string, start: string): Product {
  const product = products.find((p) => p.productId === productId);
  if (!product || start < product.validFrom) throw new ValidationError(noMatchingDefinition);
  return product;
}

/** A product by id, for reading an existing contract's definitions. */
export function productById(productId: string): Product {
  const product = products.find((p) => p.productId === productId);
  if (!product) throw new ValidationError(noMatchingDefinition);
  return product;
}

/** The contract's end: `start` plus the product's duration in days (UTC dates). */
export function contractEnd(start: string, durationDays: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + durationDays);
  return date.toISOString().slice(0, 10);
}
