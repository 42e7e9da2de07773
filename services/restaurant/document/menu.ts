import type { MenuItem } from './order-document.ts';

/** The assistant manager's price list, in whole currency units. */
export const prices: Record<MenuItem, number> = { pancake: 10, 'ice cream': 6 };

/** What a cook puts into each dish. */
export const recipes: Record<MenuItem, readonly string[]> = {
  pancake: ['flour', 'milk', 'egg'],
  'ice cream': ['ice cream', 'chocolate'],
};
