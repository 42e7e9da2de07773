import { scaled, type Clock } from '../../../actors/mod.ts';

/** The cooks and their speed (business ms per order), fastest first: more-fair prefers them in this order. */
export const cooks = [
  { name: 'tom', cookTime: 1_500 },
  { name: 'dick', cookTime: 2_500 },
  { name: 'harry', cookTime: 3_000 },
] as const;

export type CookName = (typeof cooks)[number]['name'];

export const cookNames: readonly CookName[] = cooks.map((cook) => cook.name);

export function isCookName(name: string): name is CookName {
  return (cookNames as readonly string[]).includes(name);
}

/** A cook's service (and mailbox `restaurant.cook-<name>`). */
export function cookService(name: CookName): string {
  return `cook-${name}`;
}

/** Real milliseconds a cook takes per order under the clock's TIME_SCALE. */
export function scaledCookTime(clock: Clock, name: CookName): number {
  return scaled(clock, cooks.find((cook) => cook.name === name)!.cookTime);
}
