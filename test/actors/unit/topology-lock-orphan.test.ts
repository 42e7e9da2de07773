import { describe, expect, it } from 'vitest';
import type { Broker } from '../../../actors/broker/broker.ts';
import type { ManagementApi } from '../../../actors/broker/management-api.ts';
import { manualClock } from '../../../actors/clock/clock.ts';
import { createLogger } from '../../../actors/logging/logger.ts';
import { StartupProgress } from '../../../actors/system/startup-progress.ts';
import { lockTopology, orphanedLockAge } from '../../../actors/system/topology-stage.ts';
import { topologyNames } from '../../../actors/topology/names.ts';

/** A lock queue as the broker and its management API show it: held (with or without an owning connection) or free. */
function brokerWithLock(state: { held: boolean; owner: string | undefined; deleted: number }) {
  const broker = {
    withChannel: async (work: (channel: unknown) => Promise<unknown>) => work({
      assertQueue: async () => { if (state.held) throw new Error('Channel closed by server: 405 (RESOURCE-LOCKED) with message "RESOURCE_LOCKED - cannot obtain exclusive access"'); state.held = true; },
      deleteQueue: async () => { state.held = false; },
    }),
  } as unknown as Broker;
  const api = {
    exclusiveOwner: async () => (state.held ? { exclusive: true, owner: state.owner } : undefined),
    deleteQueue: async () => { state.deleted += 1; state.held = false; },
  } as unknown as ManagementApi;
  return { broker, api };
}

async function waitFor(clock: ReturnType<typeof manualClock>, done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(250);
  }
}

describe('the topology lock in a cluster', () => {
  it('removes a lock that has shown no owning connection for a while (left by a node restart), and takes it', async () => {
    const clock = manualClock();
    const state = { held: true, owner: undefined as string | undefined, deleted: 0 };
    const { broker, api } = brokerWithLock(state);
    let taken = false;
    void lockTopology(broker, topologyNames(), new StartupProgress(createLogger({ level: 'silent' }), clock), api, createLogger({ level: 'silent' }), clock).then(() => { taken = true; });
    await waitFor(clock, () => taken);
    expect(taken).toBe(true);
    expect(state.deleted).toBe(1);
    expect(clock.now()).toBeGreaterThanOrEqual(orphanedLockAge);
  });

  it('waits for a lock whose owner is a live connection, however long it takes', async () => {
    const clock = manualClock();
    const state = { held: true, owner: '127.0.0.1:5000 -> 127.0.0.1:5672', deleted: 0 };
    const { broker, api } = brokerWithLock(state);
    let taken = false;
    void lockTopology(broker, topologyNames(), new StartupProgress(createLogger({ level: 'silent' }), clock), api, createLogger({ level: 'silent' }), clock).then(() => { taken = true; });
    await waitFor(clock, () => clock.now() > 3 * orphanedLockAge);
    expect({ taken, deleted: state.deleted }).toEqual({ taken: false, deleted: 0 });
    state.held = false; // its holder finished
    await waitFor(clock, () => taken);
    expect(taken).toBe(true);
  });
});
