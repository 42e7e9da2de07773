import type { Kysely } from 'kysely';
import type { ActorDefinition, ActorSystem } from '../../actors/mod.ts';

/** A service's own tables for a read-only query (no transaction, no messages), typed by its actor's. */
export function readDb<Tables>(system: ActorSystem, actor: ActorDefinition<Tables>): Kysely<Tables> {
  return system.readDb(actor);
}
