import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../../actors/mod.ts';
import type { LandscapeDeps } from '../../gateway/landscape.ts';

/**
 * A service's own tables for its REST queries (reads outside a transaction; writes go
 * through `system.transaction`). Throws like `deps.system()` (503) before the system runs.
 */
export function readTables<Tables>(deps: LandscapeDeps, actor: ActorDefinition<Tables>): Kysely<Tables> {
  return deps.system().readDb(actor);
}
