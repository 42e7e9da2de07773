import process from 'node:process';
import { createLogger, describeStartupFailure, migrateActors, openDatabase } from './actors/mod.ts';
import { appMigrations, readAppConfig } from './app-config.ts';
import { postgresStartupProblem, postgresUnreachable } from './actors/system/postgres-problems.ts';
import { selectActors } from './services/mod.ts';

// `npm run migrate`: applies the migrations of the runtime and of the services named in
// SERVICES (default all) without starting anything; start-up applies them too. A failure
// is one line with its code and fix (README.md, Troubleshooting), as at start-up.
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', name: 'migrate' });
try {
  const config = readAppConfig(process.env);
  // No waiting here: an unreachable Postgres is reported at once (START-008).
  const named = (error: unknown) => postgresStartupProblem(error, config.databaseUrl) ?? postgresUnreachable(error, config.databaseUrl);
  const database = await openDatabase({ url: config.databaseUrl, max: 1 }).catch((error: unknown) => { throw named(error); });
  try {
    const applied = await migrateActors(database, selectActors(config.services), appMigrations).catch((error: unknown) => { throw named(error); });
    for (const m of applied) logger.info({ schema: m.schema, migration: m.name }, 'migration applied');
    logger.info({ applied: applied.length }, applied.length ? 'migrations applied' : 'nothing to apply');
  } finally {
    await database.close();
  }
} catch (error) {
  const failure = describeStartupFailure(error);
  logger.fatal({ code: failure.code, fix: failure.fix, ...(failure.err ? { err: failure.err } : {}) }, `${failure.message}. Fix: ${failure.fix}`);
  process.exit(1);
}
