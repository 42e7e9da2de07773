import process from 'node:process';
import { ActorSystem, createLogger, describeStartupFailure, isLostPostgresConnection, observeInOpenTelemetry, startTelemetry, systemClock, type RunningTelemetry, type Waiting } from './actors/mod.ts';
import { appMigrations, readAppConfig } from './app-config.ts';
import type { Gateway } from './gateway/app.ts';
import { createEdge } from './gateway/edge.ts';
import { productionSecretsRefusal } from './gateway/production-secrets.ts';
import { serve, type RunningServer } from './gateway/serve.ts';
import { landscapes, selectActors } from './services/mod.ts';

// One entry point: the services named in SERVICES (default all) plus the HTTP gateway, on PORT.
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', name: 'milk-factory' });
// In production the development secrets, which anyone who read this repository knows, stop the start.
const refusal = productionSecretsRefusal(process.env);
if (refusal) {
  logger.fatal({ code: 'SEC-005' }, refusal);
  process.exit(1);
}
let telemetry: RunningTelemetry | undefined;
let system: ActorSystem | undefined;
let gateway: Gateway | undefined;
let server: RunningServer | undefined;
let waitingFor: readonly Waiting[] = [];
let port: number | undefined;

/** A start that cannot go on ends with one line: its code, what is wrong, the fix (README.md, Troubleshooting). */
function failStart(error: unknown): never {
  const failure = describeStartupFailure(error, { port, portSetting: 'PORT' });
  logger.fatal({ code: failure.code, fix: failure.fix, ...(failure.err ? { err: failure.err } : {}) }, `${failure.message}. Fix: ${failure.fix}`);
  process.exit(1);
}
process.on('unhandledRejection', failStart);
process.on('uncaughtException', failStart);

// Graceful stop, also while the start still waits: consumers stop, in-flight messages finish and are acked, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    if (!gateway) process.exit(0);
    // SSE streams end first: the server waits for open connections before it closes.
    // The telemetry last, so it exports the spans of the stop too.
    void gateway.close()
      .then(() => Promise.all([system?.stop(), server?.close()]))
      .then(() => telemetry?.shutdown())
      .finally(() => process.exit(0));
  });
}

try {
  // OpenTelemetry from the OTEL_* variables (README, Observability); nothing is loaded without them.
  telemetry = await startTelemetry(process.env, (name, value) => { process.env[name] = value; });
  if (telemetry) logger.info({ traces: telemetry.settings.traces, metrics: telemetry.settings.metrics }, 'OpenTelemetry SDK started');
  const config = readAppConfig(process.env);
  logger.level = config.logLevel;
  port = config.port;
  const actors = selectActors(config.services);
  gateway = await createEdge({
    system: () => system,
    waitingFor: () => waitingFor,
    config,
    logger,
    landscapes: landscapes.map((landscape) => landscape.edge),
    users: landscapes.flatMap((landscape) => landscape.users ?? []),
    securityModels: landscapes.flatMap((landscape) => landscape.securityModel ?? []),
  });
  server = await serve(gateway.app, config.port);
  logger.info({ port: server.port }, `listening on http://localhost:${server.port}`);

  system = await ActorSystem.start({
    actors,
    amqpUrl: config.amqpUrl,
    clock: systemClock(config.timeScale),
    logger,
    allowForcedErrors: config.allowForcedErrors,
    signingKey: config.signingKey,
    connectionName: 'milk-factory',
    database: { url: config.databaseUrl, migrations: appMigrations },
    ...(config.managementUrl ? { managementUrl: config.managementUrl } : {}),
    ...(config.mailboxPolicyPriority === undefined ? {} : { mailboxPolicyPriority: config.mailboxPolicyPriority }),
    ...(config.chaos ? { chaos: config.chaos } : {}),
    onWaiting: (waiting) => { waitingFor = waiting; },
  });
  // Live updates subscribe now, so a client resuming with Last-Event-ID finds events from the start.
  await gateway.start();
  // OTEL_METRICS_EXPORTER: the same counters and gauges as /metrics, through the SDK's reader.
  if (telemetry?.settings.metrics) for (const registry of [system.metrics.registry, gateway.metrics]) observeInOpenTelemetry(registry);
} catch (error) {
  failStart(error);
}
// Started: from here on a failure is the runtime's to handle, and an unexpected one crashes as usual.
process.off('unhandledRejection', failStart);
process.off('uncaughtException', failStart);
// The Postgres driver's left-over of a connection cut mid-start-up (actors/persistence/driver-leftovers.ts)
// is logged, not fatal; any other unhandled rejection still crashes the process.
process.on('unhandledRejection', (reason) => {
  if (!isLostPostgresConnection(reason)) throw reason;
  logger.warn({ code: 'PG-002', err: reason }, 'the Postgres driver left a rejection behind after a lost connection; ignored (the query that needed it is retried)');
});
