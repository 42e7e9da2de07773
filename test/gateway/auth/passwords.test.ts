import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hashPassword, minimumIterations, verifyPassword } from '../../../gateway/auth/index.ts';

describe('password hashes', () => {
  it('are PBKDF2 strings that verify the right password and refuse a wrong one', async () => {
    const hash = await hashPassword('asdf');
    expect(hash).toMatch(/^pbkdf2\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(Number(hash.split('$')[1])).toBeGreaterThanOrEqual(100_000);
    expect(await verifyPassword('asdf', hash)).toBe(true);
    expect(await verifyPassword('asdF', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('use a fresh salt each time, so one password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('asdf', minimumIterations), hashPassword('asdf', minimumIterations)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
    expect(await verifyPassword('asdf', a)).toBe(true);
    expect(await verifyPassword('asdf', b)).toBe(true);
  });

  it('refuse too few iterations, and treat an unreadable hash as no match', async () => {
    await expect(hashPassword('asdf', 1_000)).rejects.toThrow(/iterations/);
    for (const bad of ['', 'plain', 'pbkdf2$x$c2FsdA==$aGFzaA==', 'bcrypt$1$a$b', 'pbkdf2$100000$c2FsdA==$dG9vIHNob3J0', 'pbkdf2$100000$!!$!!']) {
      expect(await verifyPassword('asdf', bad)).toBe(false);
    }
  });

  it('compare bytes without stopping at the first difference', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
