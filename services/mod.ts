import type { ActorDefinition } from '../actors/mod.ts';
import { actorName } from '../actors/mod.ts';

/**
 * Every service of every landscape. Each landscape adds its actor definitions here;
 * none is built yet.
 */
export const allActors: readonly ActorDefinition[] = [];

/** The actors named in `SERVICES` (`<landscape>.<service>`, or a whole `<landscape>`); all when unset. */
export function selectActors(names: readonly string[] | undefined, actors: readonly ActorDefinition[] = allActors): ActorDefinition[] {
  if (!names) return [...actors];
  const unknown = names.filter((name) => !actors.some((a) => actorName(a) === name || a.landscape === name));
  if (unknown.length > 0) throw new RangeError(`SERVICES names unknown services: ${unknown.join(', ')}`);
  return actors.filter((a) => names.includes(actorName(a)) || names.includes(a.landscape));
}
