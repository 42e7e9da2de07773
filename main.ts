import process from 'node:process';
import { ActorSystem, createLogger, systemClock } from './actors/mod.ts';
import { readConfig } from './actors/system/config.ts';
import { createEdge } from './gateway/edge.ts';
import { productionSecretsRefusal } from './gateway/production-secrets.ts';
import { serve } from './gateway/serve.ts';
import { landscapes, selectActors } from './services/mod.ts';

// One entry point: the services named in SERVICES (default all) plus the HTTP gateway, on PORT.
const config = readConfig(process.env);
const refusal = productionSecretsRefusal(process.env);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel, name: 'milk-factory' });
let system: ActorSystem | undefined;

const gateway = await createEdge({
  system: () => system,
  config,
  logger,
  landscapes: landscapes.map((landscape) => landscape.edge),
  users: landscapes.flatMap((landscape) => landscape.users ?? []),
  securityModels: landscapes.flatMap((landscape) => landscape.securityModel ?? []),
});
const server = await serve(gateway.app, config.port);
logger.info({ port: server.port }, `listening on http://localhost:${server.port}`);

system = await ActorSystem.start({
  actors: selectActors(config.services),
  amqpUrl: config.amqpUrl,
  clock: systemClock(config.timeScale),
  logger,
  allowForcedErrors: config.allowForcedErrors,
  signingKey: config.signingKey,
  connectionName: 'milk-factory',
  database: { url: config.databaseUrl },
});
// Live updates subscribe now, so a client resuming with Last-Event-ID finds events from the start.
await gateway.start();

// Graceful stop: consumers stop, in-flight messages finish and are acked, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    // SSE streams end first: the server waits for open connections before it closes.
    void gateway.close()
      .then(() => Promise.all([system?.stop(), server.close()]))
      .finally(() => process.exit(0));
  });
}
