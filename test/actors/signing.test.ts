import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createCommand, createMessageSigner, defineActor, encodeMessage, headers, on, systemClock,
} from '../../actors/mod.ts';
import { TestSystems, eventually, takeMessages } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('signing');
afterAll(() => systems.cleanup());

describe('message signatures on the wire (rule 15)', () => {
  it('parks unsigned and forged messages with their reason while the consumer goes on', async () => {
    const handled: string[] = [];
    const actor = defineActor({
      landscape: 'signed',
      service: 'vault',
      commands: { Open: on(z.object({ who: z.string() }), (m) => { handled.push(m.data.who); }) },
    });
    const system = await systems.start({ actors: [actor], signingKey: 'the-vault-key' });
    const exchange = system.names.commands('signed');
    const raw = (who: string, sign?: (content: Buffer, properties: ReturnType<typeof encodeMessage>['properties']) => void) => {
      const { content, properties } = encodeMessage(createCommand('Open', { who }, { source: 'mallory' }));
      sign?.(content, properties);
      return testInternals(system).broker.publish({ exchange, routingKey: 'vault', content, properties });
    };

    await raw('unsigned');
    await raw('other key', (c, p) => { p.headers[headers.signature] = createMessageSigner('not-the-vault-key').sign(c, p); });
    await raw('tampered', (c, p) => {
      p.headers[headers.signature] = testInternals(system).bus.signer.sign(c, p);
      c.write('"who":"TAMPERED"', c.indexOf('"who":"tampered"')); // same length, different bytes
    });
    await raw('garbage', (_c, p) => { p.headers[headers.signature] = 'garbage'; });
    await raw('by hand, with the key', (c, p) => { p.headers[headers.signature] = testInternals(system).bus.signer.sign(c, p); });
    await testInternals(system).bus.send('signed', 'vault', createCommand('Open', { who: 'through the bus' }, { source: 'test' }));

    await eventually(() => handled.length === 2);
    const parked = await takeMessages(system, system.names.parked(system.names.mailbox('signed', 'vault')), 4);
    const reasons = parked.map((m) => [JSON.parse(m.content.toString()).data.who, m.properties.headers![headers.parkReason], m.properties.headers![headers.errorClass]]);
    expect(reasons).toEqual([
      ['unsigned', 'unsigned', 'SignatureError'],
      ['other key', 'forged', 'SignatureError'],
      ['TAMPERED', 'forged', 'SignatureError'],
      ['garbage', 'forged', 'SignatureError'],
    ]);
    expect(handled).toEqual(['by hand, with the key', 'through the bus']);
  });

  it('a retried message still verifies on its next attempt', async () => {
    const attempts: number[] = [];
    const actor = defineActor({
      landscape: 'signed',
      service: 'flaky',
      retry: [50],
      commands: { Try: (m) => { attempts.push(m.metadata.attempt); if (m.metadata.attempt === 1) throw new Error('transient'); } },
    });
    const system = await systems.start({ actors: [actor], signingKey: 'k', clock: systemClock(1) });
    await testInternals(system).bus.send('signed', 'flaky', createCommand('Try', {}, { source: 'test' }));
    await eventually(() => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
  });

  it('a parked message keeps its signature, so re-delivering it to its mailbox is handled', async () => {
    let healthy = false;
    const handled: string[] = [];
    const actor = defineActor({
      landscape: 'signed',
      service: 'broken',
      retry: [],
      commands: { Fix: (m) => { if (!healthy) throw new Error('down'); handled.push(m.id); } },
    });
    const system = await systems.start({ actors: [actor], signingKey: 'k' });
    const command = createCommand('Fix', {}, { source: 'test', causedBy: createCommand('Report', {}, { source: 'test' }) });
    await testInternals(system).bus.send('signed', 'broken', command);
    const mailbox = system.names.mailbox('signed', 'broken');
    const [parked] = await takeMessages(system, system.names.parked(mailbox));
    expect(parked!.properties.headers![headers.parkReason]).toBe('retries-exhausted');
    expect(testInternals(system).bus.signer.verify(parked!.content, parked!.properties)).toEqual({ ok: true });

    // What the dead-letter office does on retry: the same body and properties, straight to the mailbox.
    healthy = true;
    await testInternals(system).broker.publish({ exchange: '', routingKey: mailbox, content: parked!.content, properties: { ...parked!.properties, headers: { ...parked!.properties.headers } } });
    await eventually(() => handled.length === 1);
    expect(handled).toEqual([command.id]);
  });
});
