import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ActorDefinition } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';

/**
 * A service's own tables for a REST read (rule 1: reads are the owner's read model). Writes
 * go through `deps.system().transaction(actor, …)` instead.
 */
export function readDb<DB>(deps: LandscapeDeps, actor: ActorDefinition): Kysely<DB> {
  return deps.system().readDb<DB>(actor);
}

/** A value as a jsonb parameter (arrays included, which the driver would send as a Postgres array). */
export function json(value: unknown): RawBuilder<unknown> {
  // A text parameter cast on the server: typed as jsonb, the driver would encode the text again.
  return sql`cast(cast(${JSON.stringify(value)} as text) as jsonb)`;
}

/** Now as ISO-8601 from the system's clock. */
export function nowIso(deps: LandscapeDeps): string {
  return new Date(deps.system().clock.now()).toISOString();
}
