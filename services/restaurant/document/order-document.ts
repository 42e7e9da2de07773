import { z } from 'zod';

export const menuItems = ['pancake', 'ice cream'] as const;
export type MenuItem = (typeof menuItems)[number];

export interface OrderLine {
  item: MenuItem;
  quantity: number;
  /** Unit price in whole currency units, written by the assistant manager (0 until priced). */
  price: number;
  [unknown: string]: unknown;
}

/**
 * The paper that travels with an order (spec "The document"). Each actor writes only its
 * own fields; the index signature is the point: fields nobody here knows (a newer waiter's)
 * pass through every actor unchanged.
 */
export interface OrderDocument {
  orderId: string;
  tableNumber: number;
  items: OrderLine[];
  subtotal: number;
  tax: number;
  total: number;
  /** Business milliseconds the cooks spent on it. */
  cookTime: number;
  /** `flour, milk, egg`… as the cooks wrote them. */
  ingredients: string;
  paid: boolean;
  dodgy: boolean;
  /** ISO-8601: past this, a CookFood is dropped, not cooked. */
  expires: string;
  [unknown: string]: unknown;
}

const line = z.looseObject({ item: z.enum(menuItems), quantity: z.number().int().min(1), price: z.number() });

/** The document as every restaurant message carries it; loose, so unknown fields are kept. */
export const orderDocument = z.looseObject({
  orderId: z.string(),
  tableNumber: z.number().int(),
  items: z.array(line),
  subtotal: z.number(),
  tax: z.number(),
  total: z.number(),
  cookTime: z.number(),
  ingredients: z.string(),
  paid: z.boolean(),
  dodgy: z.boolean(),
  expires: z.string(),
}) as unknown as z.ZodType<OrderDocument>;

/** The document with `changes` written over it; every other field, known or not, unchanged. */
export function writeFields(document: OrderDocument, changes: Partial<OrderDocument>): OrderDocument {
  return { ...document, ...changes };
}
