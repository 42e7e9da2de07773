import type { Landscape } from '../landscape.ts';
import { commandHandler } from './command-handler/command-handler-actor.ts';
import { commandGenerator } from './command-generator/generator-actor.ts';
import { openBankEdge } from './edge/routes.ts';
import { securityModel, users } from './edge/security.ts';
import { heartbeat } from './heartbeat/heartbeat-actor.ts';
import { landscape } from './messages.ts';
import { transactions } from './transactions/transactions-actor.ts';

/** open-bank: accounts and transfers under a heartbeat-paced load (spec `open-bank.md`). */
export const openbankLandscape: Landscape = {
  name: landscape,
  actors: [commandHandler, heartbeat, commandGenerator, transactions],
  edge: openBankEdge,
  users,
  securityModel,
};
