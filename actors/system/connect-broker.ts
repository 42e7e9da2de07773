import { Broker } from '../broker/broker.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { amqpStartupProblem } from './broker-problems.ts';
import { redact } from './startup-error.ts';
import type { StartupProgress } from './startup-progress.ts';

/**
 * The first connection: waits while RabbitMQ is not there (START-001, amqplib's recovery
 * backs off up to 5 s between attempts), gives up at once on what waiting cannot mend
 * (a refused login, a missing virtual host).
 */
export async function connectBroker(url: string, connectionName: string, logger: Logger, clock: Clock, progress: StartupProgress, fastPaths = true): Promise<Broker> {
  const broker = await Broker.connect({
    url,
    clock,
    fastPaths,
    logger,
    connectionName,
    onFirstConnectFailure: (error) => {
      const problem = amqpStartupProblem(error, url);
      if (!problem) {
        progress.wait('START-001', 'rabbitmq', `RabbitMQ is not reachable at ${redact(url)} (${error.message}); waiting for it. Fix: start it (rabbitmq-server -detached, or docker compose up -d rabbitmq) or set AMQP_URL`);
      }
      return problem;
    },
  });
  progress.ready('rabbitmq');
  return broker;
}
