import { MigrationError } from '../persistence/migrations.ts';
import { StartupError, isUnreachable, redact } from './startup-error.ts';

/** Postgres error codes that mean "not ready yet" (the server is starting or shutting down). */
const notReady = new Set(['57P03', '57P01', '57P02', '53300']);

/** What a Postgres failure at start-up means: undefined while the server may still come (keep waiting). */
export function postgresStartupProblem(error: unknown, databaseUrl: string): StartupError | undefined {
  const code = (error as { code?: unknown }).code;
  if (isUnreachable(error) || (typeof code === 'string' && notReady.has(code))) return undefined;
  if (error instanceof MigrationError) {
    return new StartupError('START-010', error.message,
      `correct the migration file (a new file for what an applied one got wrong), then start again; npm run migrate applies them alone`, { cause: error });
  }
  const url = new URL(databaseUrl);
  const user = decodeURIComponent(url.username) || 'postgres';
  const database = decodeURIComponent(url.pathname.slice(1)) || user;
  const text = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000' || /password authentication failed|no pg_hba.conf entry|role .* does not exist/.test(text)) {
    return new StartupError('START-009', `Postgres at ${redact(databaseUrl)} refused user "${user}" (${text})`,
      `set DATABASE_URL to postgres://<user>:<password>@${url.host}/${database} with a user Postgres knows, or create it: createuser --createdb --pwprompt ${user}`, { cause: error });
  }
  if (code === '42501' || code === '3D000') {
    return new StartupError('START-009', `Postgres has no database "${database}" and user "${user}" may not create it (${text})`,
      `create it for the user: createdb --owner ${user} ${database}`, { cause: error });
  }
  return new StartupError('START-000', `Postgres failed during start-up: ${text}`, 'see the error; the Postgres log may say more', { cause: error });
}

/** START-008 as an error, for a command that does not wait (`npm run migrate`); the start logs the same text while it waits. */
export function postgresUnreachable(error: unknown, databaseUrl: string): StartupError {
  return new StartupError('START-008', `Postgres is not reachable at ${redact(databaseUrl)} (${error instanceof Error ? error.message : String(error)})`,
    'start it (pg_ctlcluster <version> main start, or docker compose up -d postgres) or set DATABASE_URL', { cause: error });
}
