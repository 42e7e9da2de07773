import { describe, expect, it } from 'vitest';
import { isLostPostgresConnection } from '../../../actors/persistence/driver-leftovers.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('the Postgres driver\'s left-over rejections', () => {
  it('takes a lost or refused connection for one, and nothing else', () => {
    for (const code of ['57P01', 'CONNECTION_CLOSED', 'ECONNRESET', 'ECONNREFUSED']) expect(isLostPostgresConnection(withCode(code))).toBe(true);
    for (const reason of [withCode('23505'), withCode('42P01'), new Error('boom'), 'text', undefined, { code: '57P01' }]) expect(isLostPostgresConnection(reason)).toBe(false);
  });
});
