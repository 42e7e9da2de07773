import type { ActorSystem, DeadLetterOffice, StateStore } from '../../actors/mod.ts';
import type { AuthVariables } from '../auth/index.ts';
import { SystemUnavailableError } from '../problem-mapping.ts';
import type { GatewayEnv } from '../request-flow.ts';

/** The admin routes see the gateway's variables and, past the guard, the caller. */
export type AdminEnv = { Variables: GatewayEnv['Variables'] & AuthVariables };

/** The system's database side: dead letters, flows and orchestrator instances live there. */
export function storeOf(system: ActorSystem): StateStore {
  if (!system.store) throw new SystemUnavailableError('the actor system runs without a database');
  return system.store;
}

export function deadLettersOf(system: ActorSystem): DeadLetterOffice {
  if (!system.deadLetters) throw new SystemUnavailableError('the actor system runs without a database, so without a dead-letter office');
  return system.deadLetters;
}
