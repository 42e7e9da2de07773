import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';

/** A service's own tables for a REST read (its read model), outside any transaction. */
export function serviceDb<Tables>(deps: LandscapeDeps, actor: ActorDefinition<Tables>): Kysely<Tables> {
  return deps.system().readDb(actor);
}
