import { Buffer } from 'node:buffer';
import type { ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { admit } from '../../../actors/actor/admission.ts';
import { createCommand, createMessageSigner, defineActor, encodeMessage, headers, systemClock } from '../../../actors/mod.ts';

const signer = createMessageSigner('unit-key');
const actor = defineActor({ landscape: 'unit', service: 'door', commands: { Open: () => {} } });

/** A delivery as amqplib hands it over, from a body and properties. */
function delivery(content: Buffer, properties: object): ConsumeMessage {
  return { content, properties, fields: {} } as unknown as ConsumeMessage;
}

describe('admission checks the signature first', () => {
  it('admits a signed message', async () => {
    const { content, properties } = encodeMessage(createCommand('Open', {}, { source: 'test' }));
    properties.headers[headers.signature] = signer.sign(content, properties);
    expect((await admit(delivery(content, properties), actor, systemClock(), signer)).verdict).toBe('handle');
  });

  it('parks an unsigned message as unsigned, and a forged one as forged, without reading the body', async () => {
    const notJson = Buffer.from('{not json');
    const unsigned = await admit(delivery(notJson, { messageId: 'm-1', headers: {} }), actor, systemClock(), signer);
    expect(unsigned).toMatchObject({ verdict: 'park', reason: 'unsigned', error: { name: 'SignatureError', message: expect.stringContaining('m-1') } });
    const forged = await admit(delivery(notJson, { headers: { [headers.signature]: createMessageSigner('other').sign(notJson, {}) } }), actor, systemClock(), signer);
    expect(forged).toMatchObject({ verdict: 'park', reason: 'forged' });
    const signedButBroken = await admit(delivery(notJson, { headers: { [headers.signature]: signer.sign(notJson, {}) } }), actor, systemClock(), signer);
    expect(signedButBroken).toMatchObject({ verdict: 'park', reason: 'malformed' });
  });
});
