import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor } from '../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('full-return');
afterAll(() => systems.cleanup());

describe('a retry coming back to a full mailbox', () => {
  it('waits in the waiting room until there is room, instead of being dropped', async () => {
    const handled: string[] = [];
    const actor = defineActor({
      landscape: 'full',
      service: 'narrow',
      retry: [300],
      mailbox: { maxLength: 2, overflow: 'reject-publish' },
      commands: {
        Work: (m) => {
          if (m.data.name === 'retried' && m.metadata.attempt === 1) throw new Error('first attempt fails');
          handled.push(`${m.data.name}@${m.metadata.attempt}`);
        },
      },
    });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('full', 'narrow');
    await testInternals(system).bus.send('full', 'narrow', createCommand('Work', { name: 'retried' }, { source: 'test' }));
    await system.operations.pause(mailbox);
    // Fill the mailbox while the retry waits its 300 ms.
    for (let i = 0; i < 5; i++) {
      await testInternals(system).bus.send('full', 'narrow', createCommand('Work', { name: `filler-${i}` }, { source: 'test' })).catch(() => {});
    }
    await sleep(1_000); // the retry is due now, but the mailbox is full
    await system.operations.resume(mailbox);
    // The broker's dead-letter worker tries again after dead_letter_worker_publisher_confirm_timeout
    // (180 s by default; .ci/run and docker/rabbitmq set 5 s).
    await eventually(() => handled.includes('retried@2'), 30_000, 'the retried message (is dead_letter_worker_publisher_confirm_timeout lowered?)');
    expect(handled.filter((h) => h.startsWith('retried'))).toEqual(['retried@2']);
  }, 90_000);
});
