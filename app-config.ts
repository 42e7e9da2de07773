import { fileURLToPath } from 'node:url';
import { parseChaos, readTimeScale, type ChaosOptions } from './actors/mod.ts';

/**
 * The app's configuration (`npm start`, `npm run migrate`, the gateway) from environment
 * variables, with working local defaults (common spec). The runtime reads none of them: it
 * takes what it needs as options of `ActorSystem.start`.
 */
export interface AppConfig {
  amqpUrl: string;
  databaseUrl: string;
  port: number;
  timeScale: number;
  logLevel: string;
  allowForcedErrors: boolean;
  /** HMAC key of the messages (`MESSAGE_SIGNING_KEY`); undefined = development key, logged as `SEC-003`. */
  signingKey: string | undefined;
  /** HS256 secret of the REST API's tokens (`JWT_SECRET`); undefined = development secret, logged as `SEC-002`. */
  jwtSecret: string | undefined;
  /** `<landscape>.<service>` names to run here; undefined = all. */
  services: string[] | undefined;
  /** RabbitMQ's management API (`RABBITMQ_MANAGEMENT_URL`); undefined = the AMQP URL's host and user on port 15672. */
  managementUrl: string | undefined;
  /** Priority of the mailbox policies (`MAILBOX_POLICY_PRIORITY`); undefined = 10. */
  mailboxPolicyPriority: number | undefined;
  /** Injected delivery faults (`ACTORS_CHAOS=duplicate:0.1,drop:0.1`), for chaos tests; refused in production. */
  chaos: ChaosOptions | undefined;
}

export function readAppConfig(env: Record<string, string | undefined>): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`PORT must be a port number, got "${env.PORT}"`);
  const services = env.SERVICES?.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    amqpUrl: env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/milkfactory',
    port,
    timeScale: readTimeScale(env.TIME_SCALE),
    logLevel: env.LOG_LEVEL ?? 'info',
    allowForcedErrors: env.ALLOW_FORCED_ERRORS === 'true',
    signingKey: env.MESSAGE_SIGNING_KEY || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    services: services && services.length > 0 ? services : undefined,
    managementUrl: env.RABBITMQ_MANAGEMENT_URL || undefined,
    mailboxPolicyPriority: readInteger(env, 'MAILBOX_POLICY_PRIORITY'),
    chaos: readChaos(env),
  };
}

/** Chaos is for tests: a production process (NODE_ENV=production) refuses to start with it. */
function readChaos(env: Record<string, string | undefined>): ChaosOptions | undefined {
  const chaos = parseChaos(env.ACTORS_CHAOS);
  if (chaos && env.NODE_ENV === 'production') throw new RangeError('ACTORS_CHAOS injects faults on purpose and is refused with NODE_ENV=production; unset it');
  return chaos;
}

function readInteger(env: Record<string, string | undefined>, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got "${text}"`);
  return value;
}

/** The app's migrations: `sql/<schema>/` of each service (the runtime brings its own). */
export const appMigrations = fileURLToPath(new URL('./sql/', import.meta.url));
