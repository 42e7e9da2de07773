import process from 'node:process';
import { createLogger, defaultMigrations, openDatabase, readConfig } from './actors/mod.ts';
import { migrateActors } from './actors/persistence/state-store.ts';
import { selectActors } from './services/mod.ts';

// `npm run migrate`: applies the migrations of the runtime and of the services named in
// SERVICES (default all) without starting anything; start-up applies them too.
const config = readConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'migrate' });
const database = await openDatabase({ url: config.databaseUrl, max: 1 });
try {
  const applied = await migrateActors(database, selectActors(config.services), defaultMigrations);
  for (const m of applied) logger.info({ schema: m.schema, migration: m.name }, 'migration applied');
  logger.info({ applied: applied.length }, applied.length ? 'migrations applied' : 'nothing to apply');
} finally {
  await database.close();
}
