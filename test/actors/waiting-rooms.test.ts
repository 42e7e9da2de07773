import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, systemClock, type Envelope } from '../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('waiting-rooms');
afterAll(() => systems.cleanup());

/** A message's arrival, measured against when it was sent. */
interface Arrival { queue: string; message: Envelope; at: number }

/** Each test gets its own actors: a system started by an earlier test still consumes its queues. */
async function startAlarmClocks(label: string) {
  const arrivals: Arrival[] = [];
  const record = (queue: string) => (message: Envelope) => { arrivals.push({ queue, message, at: Date.now() }); };
  const asker = defineActor({ landscape: label, service: 'asker', commands: { Ring: record('asker') } });
  // Handles the same command type: must still never see the asker's alarm.
  const bystander = defineActor({ landscape: label, service: 'bystander', commands: { Ring: record('bystander') } });
  const system = await systems.start({ actors: [asker, bystander] });
  return { system, arrivals, askerQueue: system.names.mailbox(label, 'asker') };
}

describe('waiting rooms', () => {
  it('return a message after an arbitrary delay (1.3 s), within a small tolerance, only to the asking queue', async () => {
    const { system, arrivals, askerQueue } = await startAlarmClocks('arbitrary');
    const alarm = createCommand('Ring', { n: 1 }, { source: 'test' });
    const sentAt = Date.now();
    await testInternals(system).bus.sendLater(alarm, askerQueue, { delay: 1_300 });

    const arrival = await eventually(() => arrivals[0], 5_000, 'the alarm');
    const waited = arrival.at - sentAt;
    expect(waited).toBeGreaterThanOrEqual(1_300);
    expect(waited).toBeLessThan(1_300 + 250);
    expect(arrival.queue).toBe('asker');
    expect(arrival.message.id).toBe(alarm.id);
    await sleep(200);
    expect(arrivals).toHaveLength(1);
  });

  it('scale business delays: a 7 s alarm set by a handler at TIME_SCALE 0.1 rings after 0.7 s', async () => {
    const rings: number[] = [];
    let setAt = 0;
    const actor = defineActor({
      landscape: 'clocks',
      service: 'snooze',
      commands: {
        SetAlarm: (_m, context) => { setAt = Date.now(); context.sendLater('Ring', {}, { delay: 7_000 }); },
        Ring: () => { rings.push(Date.now()); },
      },
    });
    const system = await systems.start({ actors: [actor], clock: systemClock(0.1) });
    await testInternals(system).bus.send('clocks', 'snooze', createCommand('SetAlarm', {}, { source: 'test' }));
    const rang = await eventually(() => rings[0], 5_000, 'the ring');
    expect(rang - setAt).toBeGreaterThanOrEqual(700);
    expect(rang - setAt).toBeLessThan(700 + 250);
  });

  it('do not hold a short delay behind a long one (no head-of-line blocking)', async () => {
    const { system, arrivals, askerQueue } = await startAlarmClocks('blocking');
    await testInternals(system).bus.sendLater(createCommand('Ring', { n: 'long' }, { source: 'test' }), askerQueue, { delay: 3_000 });
    await testInternals(system).bus.sendLater(createCommand('Ring', { n: 'short' }, { source: 'test' }), askerQueue, { delay: 300 });
    const first = await eventually(() => arrivals[0], 2_000, 'the short alarm');
    expect(first.message.data.n).toBe('short');
  });

  it('deliver at an absolute time', async () => {
    const { system, arrivals, askerQueue } = await startAlarmClocks('absolute');
    const at = new Date(Date.now() + 500);
    await testInternals(system).bus.sendLater(createCommand('Ring', {}, { source: 'test' }), askerQueue, { at });
    const arrival = await eventually(() => arrivals[0], 3_000);
    expect(arrival.at).toBeGreaterThanOrEqual(at.getTime());
    expect(arrival.at).toBeLessThan(at.getTime() + 250);
  });
});
