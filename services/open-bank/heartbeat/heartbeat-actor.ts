import { scaled } from '../../../actors/mod.ts';
import { openBank } from '../landscape.ts';
import type { HeartbeatTables } from './heartbeat-tables.ts';
import { tickAt } from './pace.ts';
import { readPace, savePace } from './pace-store.ts';

/** The heartbeat's alarm clock: a chain of ticks sent to itself through the waiting rooms. */
export const tickType = 'Tick';
export { tick } from '../messages.ts';

/**
 * Paces the load (spec "Heartbeat"): each interval it emits `batchSize` Heartbeat events,
 * numbered on from the last. The interval is a business duration (scaled by TIME_SCALE).
 * Ticks are durable alarm clocks, so the pace survives a restart; a tick of an older chain
 * (the pace changed since) ends that chain.
 */
export const heartbeatActor = openBank.defineActor<HeartbeatTables>({
  service: 'heartbeat',
  commands: {
    Tick: async (message, context) => {
      const { db } = context;
      const pace = await readPace(db, { lock: true });
      if (message.data.generation !== pace.generation || pace.batchSize === 0) return;
      const { beats, pace: after, nextDueAt } = tickAt(pace, message.data.dueAt, context.clock.now(), scaled(context.clock, pace.intervalMs));
      // Each beat its own partition key: the generator's partitions share the beats out evenly.
      for (const beat of beats) context.publish('Heartbeat', { beat }, { partitionKey: String(beat) });
      await savePace(db, after);
      context.sendLater(tickType, { generation: pace.generation, dueAt: nextDueAt }, { at: new Date(nextDueAt) });
    },
  },
});
