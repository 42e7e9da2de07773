import type { ActorDefinition, MessageCatalogue } from '../actors/mod.ts';
import type { SecurityModel, UserSeed } from '../gateway/auth/index.ts';
import type { LandscapeModule } from '../gateway/landscape.ts';

/**
 * Everything one landscape contributes to a process: its actors (services and
 * orchestrators), its edge (REST routes under `/api/<name>`, stream filters), the users its
 * spec lists and the roles-to-steps model its routes are secured by. Each landscape's
 * `services/<landscape>/mod.ts` exports one; `services/mod.ts` lists them.
 */
export interface Landscape {
  name: string;
  actors: readonly ActorDefinition[];
  edge: LandscapeModule;
  users?: readonly UserSeed[];
  securityModel?: SecurityModel;
}

/**
 * `landscape` with its edge describing its messages too (`GET /api/asyncapi.json`): the
 * catalogue, and the actors whose handlers say which service takes which command.
 */
export function withMessaging(landscape: Landscape, catalogue: MessageCatalogue): Landscape {
  return { ...landscape, edge: { ...landscape.edge, messaging: { catalogue, actors: landscape.actors } } };
}
