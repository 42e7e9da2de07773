import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, type Stage } from '../../actors/mod.ts';
import { schemaName } from '../../actors/mod.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('lifecycle');
afterAll(() => systems.cleanup());

describe('start-up and shutdown', () => {
  it('passes through the start-up stages in order', async () => {
    const stages: Stage[] = [];
    const actor = defineActor({ landscape: 'life', service: 'stages', commands: { Noop: () => {} } });
    const system = await systems.start({ actors: [actor], onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(['topology', 'subscribe', 'start', 'stable']);
    expect(system.stage).toBe('stable');
    await system.stop();
    expect(stages.slice(-2)).toEqual(['stopping', 'stopped']);
  });

  it('with a database, applies the migrations in the topology stage, before anything subscribes', async () => {
    const stages: Array<[Stage, number]> = [];
    const sql = testDatabase();
    const migrationsApplied = async () => {
      const [row] = await sql`select to_regclass(${`"${schemaName(systems.namespace, 'ledger')}".accounts`}) as found`;
      return row!.found === null ? 0 : 1;
    };
    const pending: Array<Promise<void>> = [];
    const actor = defineActor({ landscape: 'life', service: 'stateful', schema: 'ledger', commands: { Noop: () => {} } });
    await systems.start({
      actors: [actor], database: true,
      onStage: (stage) => {
        if (stage === 'stopping' || stage === 'stopped') return; // after this test, at clean-up
        pending.push(migrationsApplied().then((applied) => { stages.push([stage, applied]); }));
      },
    });
    await Promise.all(pending);
    await sql.end();
    expect(stages.map(([stage]) => stage)).toEqual(['topology', 'subscribe', 'start', 'stable']);
    expect(stages.find(([stage]) => stage === 'subscribe')![1]).toBe(1);
  });

  it('stops gracefully: in-flight handlers finish and are acked, nothing new is taken', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const actor = defineActor({
      landscape: 'life',
      service: 'slow',
      concurrency: 5,
      commands: {
        Work: async (m) => {
          started.push(Number(m.data.i));
          await sleep(300);
          finished.push(Number(m.data.i));
        },
      },
    });
    const system = await systems.start({ actors: [actor] });
    const observer = await systems.start({ actors: [] });
    const mailbox = system.names.mailbox('life', 'slow');
    for (let i = 0; i < 5; i++) await testInternals(system).bus.send('life', 'slow', createCommand('Work', { i }, { source: 'test' }));
    await eventually(() => started.length === 5);

    await system.stop();
    expect(finished.sort()).toEqual([0, 1, 2, 3, 4]);
    await testInternals(observer).bus.send('life', 'slow', createCommand('Work', { i: 99 }, { source: 'test' }));
    await sleep(200);
    const queue = await testInternals(observer).broker.withChannel((channel) => channel.checkQueue(mailbox));
    expect(queue.messageCount).toBe(1); // all five were acked; the new one waits
    expect(started).not.toContain(99);
  });

  it('pauses and resumes one mailbox without losing its messages', async () => {
    const handled: number[] = [];
    const actor = defineActor({ landscape: 'life', service: 'pausable', commands: { Work: (m) => { handled.push(Number(m.data.i)); } } });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('life', 'pausable');
    await system.operations.pause(mailbox);
    expect(system.operations.mailboxes[0]!.subscription.paused).toBe(true);
    for (let i = 0; i < 3; i++) await testInternals(system).bus.send('life', 'pausable', createCommand('Work', { i }, { source: 'test' }));
    await sleep(200);
    expect(handled).toEqual([]);
    await system.operations.resume(mailbox);
    await eventually(() => handled.length === 3);
  });
});
