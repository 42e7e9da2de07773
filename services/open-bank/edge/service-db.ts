import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';

/** A service's own tables for a REST read (its read model), outside any transaction. */
export function serviceDb(deps: LandscapeDeps, actor: ActorDefinition): Kysely<any> {
  const store = deps.system().store;
  if (!store) throw new Error('open-bank needs the actor system to run with a database');
  return store.database.db.withSchema(store.serviceSchema(actor));
}
