import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCommand, createMessageSigner, encodeMessage, headers, signerFromKey } from '../../../actors/mod.ts';
import { hmacSha256 } from '../../../actors/security/hmac-sha256.ts';
import { captureLogger } from '../../support/capture-logger.ts';

const signer = createMessageSigner('test-key');

function signed() {
  const encoded = encodeMessage(createCommand('Deposit', { amount: 5 }, { source: 'bank.teller', causedBy: createCommand('Open', {}, { source: 'test' }) }));
  encoded.properties.headers[headers.signature] = signer.sign(encoded.content, encoded.properties);
  return encoded;
}

describe('message signatures', () => {
  it('verifies what the same key signed', () => {
    const { content, properties } = signed();
    expect(signer.verify(content, properties)).toEqual({ ok: true });
  });

  it('calls a message without the header unsigned', () => {
    const { content, properties } = signed();
    delete properties.headers[headers.signature];
    expect(signer.verify(content, properties)).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('calls a message forged when the body, an id, the causation or the key differ', () => {
    const { content, properties } = signed();
    const body = Buffer.from(content.toString().replace('"amount":5', '"amount":500'));
    expect(signer.verify(body, properties)).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, messageId: 'another' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, type: 'Withdraw' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, correlationId: 'another' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, appId: 'mallory' })).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, headers: { ...properties.headers, [headers.causationId]: 'another' } }))
      .toEqual({ ok: false, reason: 'forged' });
    expect(createMessageSigner('other-key').verify(content, properties)).toEqual({ ok: false, reason: 'forged' });
    expect(signer.verify(content, { ...properties, headers: { [headers.signature]: 'not base64 at all!' } }))
      .toEqual({ ok: false, reason: 'forged' });
  });

  it('cannot be kept valid by moving characters from one id to the next', () => {
    const a = signer.sign(Buffer.from('{}'), { messageId: 'ab', type: 'c' });
    expect(signer.verify(Buffer.from('{}'), { messageId: 'a', type: 'bc', headers: { [headers.signature]: a } }))
      .toEqual({ ok: false, reason: 'forged' });
  });

  it('still verifies after the runtime rewrote the attempt, waiting-room, parking and broker headers', () => {
    const { content, properties } = signed();
    const rewritten = {
      ...properties,
      expiration: undefined,
      timestamp: undefined,
      headers: {
        ...properties.headers,
        [headers.attempt]: 3, [headers.returnTo]: 'q', [headers.parkReason]: 'retries-exhausted',
        [headers.originalQueue]: 'q', 'x-death': [{ reason: 'expired' }], 'x-first-death-reason': 'expired',
      },
    };
    expect(signer.verify(content, rewritten)).toEqual({ ok: true });
  });

  it('accepts a signature header that arrives as bytes', () => {
    const { content, properties } = signed();
    const bytes = Buffer.from(String(properties.headers[headers.signature]));
    expect(signer.verify(content, { ...properties, headers: { ...properties.headers, [headers.signature]: bytes } })).toEqual({ ok: true });
  });

  it('falls back to the development key with a SEC-003 warning when no key is configured', () => {
    const { logger, lines } = captureLogger();
    const fallback = signerFromKey(undefined, logger);
    expect(lines).toMatchObject([{ level: 40, code: 'SEC-003', msg: expect.stringContaining('MESSAGE_SIGNING_KEY') }]);
    const configured = signerFromKey('set', logger);
    expect(lines).toHaveLength(1);
    expect(fallback.sign(Buffer.from('x'), {})).not.toBe(configured.sign(Buffer.from('x'), {}));
    expect(() => createMessageSigner('')).toThrow(/empty/);
  });

  it('computes exactly the HMAC-SHA256 of node:crypto, for short and long keys and bodies', () => {
    for (const key of ['k', 'x'.repeat(64), 'y'.repeat(65), 'ключ-🔑'.repeat(20)]) {
      const hmac = hmacSha256(Buffer.from(key));
      for (const [prefix, size] of [['', 0], ['v1|3:abc|', 10], ['é|'.repeat(50), 5_000], ['p', 100_000], ['q', 3]] as const) {
        const content = Buffer.alloc(size, 'z');
        expect(hmac(prefix, content)).toBe(createHmac('sha256', key).update(prefix).update(content).digest('base64'));
      }
    }
  });
});
