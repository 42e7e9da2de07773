import type { Kysely } from 'kysely';
import type { ActorDefinition, ActorSystem } from '../../actors/mod.ts';

/** A service's own tables for a read-only query (no transaction, no messages). */
export function readDb<DB>(system: ActorSystem, actor: ActorDefinition): Kysely<DB> {
  return system.readDb<DB>(actor);
}
