import type { ActorSystem, DeadLetterOffice, SystemOperations } from '../../actors/mod.ts';
import type { AuthVariables } from '../auth/index.ts';
import { SystemUnavailableError } from '../problem-mapping.ts';
import type { GatewayEnv } from '../request-flow.ts';

/** The admin routes see the gateway's variables and, past the guard, the caller. */
export type AdminEnv = { Variables: GatewayEnv['Variables'] & AuthVariables };

/** The system's operations that need its database (flows, orchestrator instances): 503 without one. */
export function operationsWithDatabase(system: ActorSystem): SystemOperations {
  if (!system.operations.hasDatabase) throw new SystemUnavailableError('the actor system runs without a database');
  return system.operations;
}

export function deadLettersOf(system: ActorSystem): DeadLetterOffice {
  if (!system.operations.deadLetters) throw new SystemUnavailableError('the actor system runs without a database, so without a dead-letter office');
  return system.operations.deadLetters;
}
