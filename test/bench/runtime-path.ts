import { z } from 'zod';
import { ActorSystem, createCommand, createLogger, defineActor, on } from '../../actors/mod.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { benchData } from './message-body.ts';
import { Countdown, pipelined, within } from './pipeline.ts';
import { managementUrl } from '../support/environment.ts';
import { testInternals } from '../../actors/testing.ts';

const landscape = 'bench';
const service = 'counter';

/**
 * The runtime's publish → handle → ack path: `bus.send` of a command (confirmed), one
 * actor whose handler validates (zod) and counts, acked by the mailbox worker.
 */
export function runtimePath(settings: BenchSettings): BenchPath {
  const handled = new Countdown();
  const counter = defineActor({
    landscape,
    service,
    prefetch: settings.prefetch,
    // The handler never waits, so as many may run as the broker sends ahead.
    concurrency: settings.prefetch,
    commands: {
      Tick: on(z.object({ seq: z.number(), note: z.string() }), () => handled.hit()),
    },
  });
  let system: ActorSystem | undefined;

  const send = (seq: number) => testInternals(system!).bus.send(landscape, service, createCommand('Tick', benchData(seq), { source: 'bench' }));

  return {
    name: 'runtime',
    async open() {
      system = await ActorSystem.start({
        actors: [counter],
        amqpUrl: settings.amqpUrl,
        managementUrl: managementUrl(),
        namespace: settings.namespace,
        logger: createLogger({ level: 'silent' }),
        connectionName: `${settings.namespace}.runtime`,
      });
    },
    async run(count) {
      handled.reset(count);
      const mailbox = system!.operations.mailboxes[0]!.subscription;
      const started = performance.now();
      // The handler saw all of them; then the subscription is idle: every handler finished and
      // every ack was sent (idle flushes the batched acks), so none is left unacked on our side.
      const allAcked = handled.reached.then(() => mailbox.idle());
      await within(Promise.all([pipelined(count, settings.window, send), allAcked]), settings.roundTimeout, 'runtime round');
      return performance.now() - started;
    },
    async close() {
      await system?.stop();
    },
  };
}
