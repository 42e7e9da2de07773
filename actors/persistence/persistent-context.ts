import type { Kysely } from 'kysely';
import type { HandlerContext } from '../actor/handler-context.ts';
import type { RuntimeTables } from './runtime-tables.ts';

/** A handler's context when its actor keeps state: everything it does commits together (rule 5). */
export interface PersistentContext<DB = any> extends HandlerContext {
  /** The service's own tables (its schema), in the handler's transaction. */
  readonly db: Kysely<DB>;
  /** The runtime's tables in the same transaction; for runtime parts such as the orchestrator host. */
  readonly runtimeDb: Kysely<RuntimeTables>;
}

export function isPersistent(context: HandlerContext): context is PersistentContext {
  return 'runtimeDb' in context;
}
