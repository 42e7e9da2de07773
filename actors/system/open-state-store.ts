import type { ActorDefinition } from '../actor/actor-definition.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { StateStore, type StateStoreOptions } from '../persistence/state-store.ts';
import type { TopologyNames } from '../topology/names.ts';
import { postgresStartupProblem, postgresUnreachable } from './postgres-problems.ts';
import { backoff, type StartupProgress } from './startup-progress.ts';

/**
 * Opens the actors' database and applies the migrations: waits while Postgres is not
 * there or still starting (START-008), gives up on a refused login (START-009) or a
 * migration Postgres refuses (START-010).
 */
export async function openStateStore(
  options: StateStoreOptions, actors: readonly ActorDefinition[],
  context: { names: TopologyNames; bus: MessageBus; clock: Clock; logger: Logger; progress: StartupProgress; fastPaths?: boolean },
): Promise<StateStore> {
  const { names, bus, clock, logger, progress } = context;
  for (let attempt = 1; ; attempt++) {
    let store: StateStore | undefined;
    try {
      store = await StateStore.open(options, names, bus, clock, logger, context.fastPaths, actors);
      await store.migrate(actors);
      progress.ready('postgres');
      return store;
    } catch (error) {
      await store?.close().catch(() => {});
      const problem = postgresStartupProblem(error, options.url);
      if (problem) throw problem;
      const waiting = postgresUnreachable(error, options.url);
      progress.wait('START-008', 'postgres', `${waiting.message}; waiting for it. Fix: ${waiting.fix}`);
      await progress.sleep(backoff(attempt));
    }
  }
}
