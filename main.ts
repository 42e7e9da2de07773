import process from 'node:process';
import { ActorSystem, createLogger, systemClock } from './actors/mod.ts';
import { readConfig } from './actors/system/config.ts';
import { createApp } from './gateway/app.ts';
import { serve } from './gateway/serve.ts';
import { selectActors } from './services/mod.ts';

// One entry point: the services named in SERVICES (default all) plus the HTTP gateway, on PORT.
const config = readConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'milk-factory' });
let system: ActorSystem | undefined;

const server = await serve(createApp(() => system), config.port);
logger.info({ port: server.port }, `listening on http://localhost:${server.port}`);

system = await ActorSystem.start({
  actors: selectActors(config.services),
  amqpUrl: config.amqpUrl,
  clock: systemClock(config.timeScale),
  logger,
  allowForcedErrors: config.allowForcedErrors,
  connectionName: 'milk-factory',
  database: { url: config.databaseUrl },
});

// Graceful stop: consumers stop, in-flight messages finish and are acked, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    void Promise.all([system?.stop(), server.close()]).finally(() => process.exit(0));
  });
}
