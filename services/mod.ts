import type { ActorDefinition } from '../actors/mod.ts';
import { actorName } from '../actors/mod.ts';
import type { Landscape } from './landscape.ts';
import { vouchersLandscape } from './vouchers/mod.ts';
import { openbankLandscape } from './open-bank/mod.ts';
import { milkfactoryLandscape } from './milk-factory/mod.ts';
import { deadlineordersLandscape } from './deadline-orders/mod.ts';
import { restaurantLandscape } from './restaurant/mod.ts';

export type { Landscape } from './landscape.ts';

/** Every landscape `npm start` runs; each adds its `services/<landscape>/mod.ts` here. */
export const landscapes: readonly Landscape[] = [
  vouchersLandscape,
  openbankLandscape,
  milkfactoryLandscape,
  deadlineordersLandscape,
  restaurantLandscape,
];

/** Every service of every landscape. */
export const allActors: readonly ActorDefinition[] = landscapes.flatMap((landscape) => landscape.actors);

/** The actors named in `SERVICES` (`<landscape>.<service>`, or a whole `<landscape>`); all when unset. */
export function selectActors(names: readonly string[] | undefined, actors: readonly ActorDefinition[] = allActors): ActorDefinition[] {
  if (!names) return [...actors];
  const unknown = names.filter((name) => !actors.some((a) => actorName(a) === name || a.landscape === name));
  if (unknown.length > 0) throw new RangeError(`SERVICES names unknown services: ${unknown.join(', ')}`);
  return actors.filter((a) => names.includes(actorName(a)) || names.includes(a.landscape));
}
