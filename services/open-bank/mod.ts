import { withMessaging, type Landscape } from '../landscape.ts';
import { commandHandlerActor } from './command-handler/command-handler-actor.ts';
import { commandGeneratorActor } from './command-generator/generator-actor.ts';
import { openBankEdge } from './edge/routes.ts';
import { securityModel, users } from './edge/security.ts';
import { heartbeatActor } from './heartbeat/heartbeat-actor.ts';
import { landscape, openBankMessages } from './messages.ts';
import { transactionsActor } from './transactions/transactions-actor.ts';

/** open-bank: accounts and transfers under a heartbeat-paced load (spec `open-bank.md`). */
export const openbankLandscape: Landscape = withMessaging({
  name: landscape,
  actors: [commandHandlerActor, heartbeatActor, commandGeneratorActor, transactionsActor],
  edge: openBankEdge,
  users,
  securityModel,
}, openBankMessages);
