import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommand, defineActor, onBatch, type Envelope } from '../../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('concurrent-batches');
afterAll(() => systems.cleanup());

/**
 * An actor whose batch handler holds its transaction open until a second batch joins it
 * (or 300 ms passed), and notes how many batch transactions were open at once.
 */
function tally(service: string, concurrentBatches: number | undefined) {
  const landscape = `cb-${service}`;
  let open = 0;
  const seen = { mostOpen: 0, handled: 0 };
  const counted: Envelope[] = [];
  const actor = defineActor({
    landscape,
    service,
    batch: 5,
    ...(concurrentBatches === undefined ? {} : { concurrentBatches }),
    commands: {
      Count: onBatch(z.object({ n: z.number() }), async (items) => {
        open += 1;
        seen.mostOpen = Math.max(seen.mostOpen, open);
        for (let waited = 0; open < 2 && waited < 300; waited += 10) await sleep(10);
        for (const { message, context } of items) context.publish('Counted', { n: message.data.n });
        seen.handled += items.length;
        open -= 1;
      }),
    },
  });
  const watcher = defineActor({ landscape, service: 'watcher', events: { Counted: (m) => { counted.push(m); } } });
  return { landscape, actor, watcher, seen, counted };
}

async function run(service: string, concurrentBatches: number | undefined) {
  const t = tally(service, concurrentBatches);
  const system = await systems.start({ actors: [t.actor, t.watcher], database: true });
  const mailbox = system.names.mailbox(t.landscape, service);
  await system.operations.pause(mailbox);
  for (let n = 0; n < 20; n++) await testInternals(system).bus.send(t.landscape, service, createCommand('Count', { n }, { source: 'test' }));
  await system.operations.resume(mailbox);
  await eventually(() => t.counted.length === 20, 15_000, 'every Counted event');
  return t;
}

describe('concurrentBatches', () => {
  it('by default one batch transaction runs at a time', async () => {
    const { seen } = await run('serial', undefined);
    expect(seen.mostOpen).toBe(1);
    expect(seen.handled).toBe(20);
  });

  it('with concurrentBatches: 2, two batch transactions run at once, and each message is still handled once', async () => {
    const { seen, counted } = await run('overlapping', 2);
    expect(seen.mostOpen).toBe(2);
    expect(seen.handled).toBe(20);
    expect(new Set(counted.map((m) => m.data.n)).size).toBe(20);
  });
});
