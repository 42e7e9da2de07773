import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';

/** A service's own tables for a REST read (its read model), outside any transaction. */
export function serviceDb(deps: LandscapeDeps, actor: ActorDefinition): Kysely<any> {
  return deps.system().readDb(actor);
}
