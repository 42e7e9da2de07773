import { afterAll, describe, expect, it } from 'vitest';
import { createEvent, defineActor, type ActorSystem, type Envelope } from '../../actors/mod.ts';
import { testInternals } from '../../actors/testing.ts';
import { eventually, sleep } from '../support/actor-system.ts';
import { landscape, ticksToCount } from '../fixtures/replica-actors.ts';
import { Replicas } from './replica-harness.ts';

const replicas = new Replicas('replica-orchestrators');
afterAll(() => replicas.cleanup());

const publish = (sender: ActorSystem, type: string, key: string) => testInternals(sender).bus.publish(landscape, createEvent(type, {}, { source: 'test', correlationId: key }));

/** The test process's own system (one for the file: two would share the watcher's mailbox): sends, and records the replicas' events. */
const seen: Envelope[] = [];
let watching: Promise<ActorSystem> | undefined;
async function watcher() {
  const actor = defineActor({ landscape, service: 'watcher', events: { Counted: (m) => { seen.push(m); }, Rang: (m) => { seen.push(m); } } });
  watching ??= replicas.systems.start({ actors: [actor] });
  return { system: await watching, seen };
}

const instancesOf = (machine: string) => replicas.sql.unsafe<Array<{ key: string; state_value: unknown; status: string }>>(
  `select key, state_value, status from ${replicas.table('actors', 'orchestrator_instances')} where machine = $1`, [machine]);

// Several processes start, work and die in each test: minutes on a loaded machine, not seconds.
describe('orchestrators over several processes', { timeout: 120_000 }, () => {
  it('instances advanced by three processes at once: every tick a transition once (optimistic version), none lost, one Counted each', async () => {
    await Promise.all(['a', 'b', 'c'].map((name) => replicas.start(name, ['counter'])));
    const { system, seen } = await watcher();
    const keys = Array.from({ length: 8 }, (_, i) => `counter-${i}`);
    for (const key of keys) await publish(system, 'Start', key);
    // Ticks only once the instance exists: a tick handled before its start committed would find no instance.
    await eventually(async () => (await instancesOf('counter')).length === keys.length, 20_000, 'every instance started');
    await Promise.all(keys.map(async (key) => { for (let i = 0; i < ticksToCount; i++) await publish(system, 'Tick', key); }));

    await eventually(async () => (await instancesOf('counter')).every((i) => i.status === 'done'), 45_000, 'every counter done');
    const steps = await replicas.sql.unsafe<Array<{ key: string; count: number; replica: string }>>(
      `select key, count, replica from ${replicas.table('replica_tally', 'counter_steps')} order by seq`);
    for (const key of keys) {
      const mine = steps.filter((s) => s.key === key);
      expect(mine.map((s) => s.count).sort((x, y) => x - y), `the steps of ${key}`).toEqual(Array.from({ length: ticksToCount + 1 }, (_, i) => i));
    }
    // The same instances were advanced by different processes.
    const advancedByMany = keys.filter((key) => new Set(steps.filter((s) => s.key === key).map((s) => s.replica)).size > 1);
    expect(advancedByMany.length).toBeGreaterThan(0);
    expect(new Set(steps.map((s) => s.replica))).toEqual(new Set(['a', 'b', 'c']));
    const history = await replicas.sql.unsafe<Array<{ key: string; n: number }>>(
      `select key, count(*)::int as n from ${replicas.table('actors', 'orchestrator_history')} where machine = 'counter' group by key`);
    expect(history.map((h) => h.n)).toEqual(keys.map(() => ticksToCount + 1));
    await eventually(() => seen.filter((e) => e.type === 'Counted').length >= keys.length, 10_000, 'a Counted per instance');
    const counted = [...new Map(seen.filter((e) => e.type === 'Counted').map((e) => [e.id, e])).values()]; // one per id: the wire is at-least-once
    expect(counted.map((e) => e.metadata.correlationId).sort()).toEqual([...keys].sort());
    expect(counted.every((e) => (e.data as { count: number }).count === ticksToCount)).toBe(true);
  });

  it('a durable timer armed in a process that is SIGKILLed before it is due fires once, in another process', async () => {
    const env = { TIME_SCALE: '1' };
    const [armer] = await Promise.all([replicas.start('armer', ['alarm'], env), replicas.start('d', ['alarm'], env), replicas.start('e', ['alarm'], env)]);
    const { system, seen } = await watcher();
    const keys = Array.from({ length: 9 }, (_, i) => `alarm-${i}`);
    for (const key of keys) await publish(system, 'Arm', key);
    await eventually(async () => (await instancesOf('alarm')).length === keys.length, 20_000, 'every alarm armed');
    await armer!.kill(); // it armed about a third of them (competing consumers); their timers wait in the waiting rooms

    await eventually(() => seen.filter((e) => e.type === 'Rang').length >= keys.length, 30_000, 'every alarm rung');
    await sleep(2_000); // a second firing would come by now
    // The wire is at-least-once (the watcher keeps no inbox): a copy has the same id; what counts is one Rang message per alarm.
    const rang = new Map(seen.filter((e) => e.type === 'Rang').map((e) => [e.id, e.metadata.correlationId]));
    expect([...rang.values()].sort()).toEqual([...keys].sort());
    const timers = await replicas.sql.unsafe<Array<{ key: string; n: number }>>(
      `select key, count(*)::int as n from ${replicas.table('actors', 'orchestrator_history')} where machine = 'alarm' and message_type = 'actors.timer' group by key order by key`);
    expect(timers.map((t) => [t.key, t.n])).toEqual([...keys].sort().map((key) => [key, 1]));
  });
});
