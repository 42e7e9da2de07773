import { afterAll, describe, expect, it } from 'vitest';
import { managementFetch } from '../../support/environment.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';
import { declareLegacyMailbox } from './legacy-topology.ts';
import { Recorder, keepSending, keysNamed } from './recorder.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('legacy-upgrade');
afterAll(() => systems.cleanup());

async function queue(name: string): Promise<{ arguments?: Record<string, unknown> } | undefined> {
  const response = await managementFetch(`/api/queues/%2F/${encodeURIComponent(name)}`);
  return response.status === 404 ? undefined : (await response.json()) as never;
}

async function queuesOf(mailbox: string): Promise<string[]> {
  const response = await managementFetch('/api/queues/%2F?columns=name');
  const names = ((await response.json()) as { name: string }[]).map((q) => q.name);
  return names.filter((name) => name === mailbox || (name.startsWith(`${mailbox}.`) && !name.endsWith('.parked'))).sort();
}

describe('upgrading a broker whose mailboxes were declared with their settings as queue arguments', () => {
  it('re-creates the mailbox under its name: what it held and what arrives meanwhile is handled once, in order', async () => {
    const recorder = new Recorder('legacy', 'orders');
    const publisher = await systems.start({ actors: [] });
    const mailbox = publisher.names.mailbox('legacy', 'orders');
    await testInternals(publisher).broker.withChannel((channel) => declareLegacyMailbox(channel, publisher.names, { landscape: 'legacy', service: 'orders', commandTypes: ['Record'], partitions: 1 }));
    expect((await queue(mailbox))?.arguments).toHaveProperty('x-max-length', 100_000);
    const keys = keysNamed('order', 3);
    await recorder.send(publisher, keys, 20); // waiting in the old queue

    // Messages keep coming while the start drains the old queue (2 ms each, one at a time).
    const stopSending = keepSending(recorder, publisher, keys, 25);
    const upgraded = await systems.start({ actors: [recorder.actor({ work: 2 })], database: true });
    await sleep(300);
    await stopSending();
    await eventually(() => recorder.allHandled, 30_000, 'every message');

    expect(recorder.check()).toEqual({ missing: 0, twice: 0, outOfOrder: [] });
    expect(upgraded.stage).toBe('stable');
    expect((await queue(mailbox))?.arguments).toEqual({ 'x-queue-type': 'quorum' });
    expect(await queuesOf(mailbox)).toEqual([mailbox]); // the holding queue is gone
  }, 180_000); // two starts, one draining the old queue: 51 s seen at load average 26

  it('moves an old partitioned mailbox (<mailbox>.<i>, settings as arguments) to the new partitions, each key in order', async () => {
    const recorder = new Recorder('legacy', 'ledger');
    const publisher = await systems.start({ actors: [] });
    const mailbox = publisher.names.mailbox('legacy', 'ledger');
    await testInternals(publisher).broker.withChannel((channel) => declareLegacyMailbox(channel, publisher.names, { landscape: 'legacy', service: 'ledger', commandTypes: ['Record'], partitions: 4 }));
    const keys = keysNamed('acct', 12);
    await recorder.send(publisher, keys, 10);

    const stopSending = keepSending(recorder, publisher, keys, 50);
    const upgraded = await systems.start({ actors: [recorder.actor({ partitions: 4, work: 1 })], database: true });
    await sleep(300);
    await stopSending();
    await eventually(() => recorder.allHandled, 30_000, 'every message');

    expect(recorder.check()).toEqual({ missing: 0, twice: 0, outOfOrder: [] });
    expect(await queuesOf(mailbox)).toEqual(upgraded.operations.mailboxes.map((m) => m.queue).sort());
    expect(upgraded.operations.mailboxes.map((m) => m.queue)).toEqual([0, 1, 2, 3].map((i) => `${mailbox}.${i}-of-4`));
  }, 180_000);
});
