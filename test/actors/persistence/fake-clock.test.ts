import { afterAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { createEvent, defineActor, defineOrchestrator, manualClock, publishEvent, type Envelope } from '../../../actors/mod.ts';
import { storeInOutbox } from '../../../actors/persistence/outbox.ts';
import { TestSystems, eventually, testMigrations } from '../../support/actor-system.ts';
import { databaseUrl } from '../../support/environment.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('fake-clock');
afterAll(() => systems.cleanup());

/**
 * Time is the clock's (rule 12): the sweeper's and the durable timers' time moves only when
 * the test moves a manual clock. Nothing here waits for a timer in real time: with the
 * system clock the sweep would come a minute later and the timer an hour later.
 */
describe('a system on a manual clock', () => {
  it('sweeps the outbox when the clock says so, not before', async () => {
    const clock = manualClock(Date.now());
    const received: Envelope[] = [];
    const watcher = defineActor({ landscape: 'fakeclock', service: 'watcher', events: { Swept: (m) => { received.push(m); } } });
    const system = await systems.start({
      actors: [watcher], clock,
      database: { url: databaseUrl(), migrations: testMigrations, sweeper: { interval: 60_000, minAge: 0 } },
    });
    // What a crash between commit and publish leaves: committed outbox rows and their pending row.
    const store = testInternals(system).store!;
    const event = createEvent('Swept', { n: 1 }, { source: 'test', clock });
    await store.database.transaction((trx) => storeInOutbox(trx.withSchema(store.runtimeSchema) as never, 'test', [{ route: 'event', landscape: 'fakeclock', message: event }]));
    const pending = () => store.runtimeDb.selectFrom('outbox_pending').select('id').execute();
    expect(await pending()).toHaveLength(1);

    clock.advance(59_999);
    expect(await pending()).toHaveLength(1); // no sweep yet: its minute has not passed on the clock
    expect(received).toEqual([]);

    clock.advance(1);
    const swept = await eventually(() => received[0], 10_000, 'the swept event');
    expect(swept.id).toBe(event.id);
    expect(swept.metadata.occurredAt).toBe(new Date(clock.now() - 60_000).toISOString()); // stamped by the clock
    await eventually(async () => (await pending()).length === 0, 10_000, 'the pending row deleted');
  });

  it('fires a durable timer of an hour once the clock has moved an hour', async () => {
    const start = Date.UTC(2031, 0, 1, 12, 0, 0);
    const clock = manualClock(start);
    const finished: Envelope[] = [];
    const machine = setup({}).createMachine({
      id: 'reminder@1',
      initial: 'idle',
      states: {
        idle: { on: { Remind: 'waiting' } },
        waiting: { after: { 3_600_000: 'reminded' } },
        reminded: { type: 'final', entry: publishEvent('Reminded') },
      },
    });
    const reminder = defineOrchestrator({
      landscape: 'fakeclock', service: 'reminder', machines: [machine], events: ['Remind'], starts: ['Remind'],
      // Runs in the step's transaction, before the timer is published: the hour passes on the
      // clock meanwhile, so the timer is due when it leaves and goes straight to the mailbox.
      project: (instance) => { if (instance.state === 'waiting') clock.advance(3_600_000); },
    });
    const watcher = defineActor({ landscape: 'fakeclock', service: 'reminded', events: { Reminded: (m) => { finished.push(m); } } });
    const system = await systems.start({ actors: [reminder, watcher], clock, database: true });

    const remind = createEvent('Remind', {}, { source: 'test', clock });
    await testInternals(system).bus.publish('fakeclock', remind);
    const done = await eventually(() => finished[0], 15_000, 'Reminded');
    expect(done.metadata.correlationId).toBe(remind.metadata.correlationId);
    const instance = await system.operations.describeInstance('reminder', remind.metadata.correlationId);
    expect(instance?.status).toBe('done');
    expect(Date.parse(done.metadata.occurredAt)).toBeGreaterThanOrEqual(start + 3_600_000);
  });
});
