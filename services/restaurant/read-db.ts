import type { Kysely } from 'kysely';
import type { ActorDefinition, ActorSystem } from '../../actors/mod.ts';
import { TechnicalError } from '../../actors/mod.ts';

/** A service's own tables for a read-only query (no transaction, no messages). */
export function readDb<DB>(system: ActorSystem, actor: ActorDefinition): Kysely<DB> {
  const store = system.store;
  if (!store) throw new TechnicalError('the restaurant keeps state: run it with a database');
  return store.database.db.withSchema(store.serviceSchema(actor)) as unknown as Kysely<DB>;
}
