import type { ActorDefinition } from '../actors/mod.ts';
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
