import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../gateway/auth/index.ts';
import { readEdgeLimits } from '../../../gateway/edge-config.ts';
import { LimitExceededError } from '../../../gateway/limit-exceeded.ts';

describe('LoginLimiter', () => {
  it('holds a username back for the rest of its window once it used its refused attempts, with the seconds left', () => {
    let now = 0;
    const limiter = new LoginLimiter({ maxFailuresPerUser: 2, maxFailuresPerClient: 10, windowMs: 10_000, now: () => now });
    limiter.failed('common', 'ann', '10.0.0.1');
    now = 3_000;
    limiter.failed('common', 'ann', '10.0.0.2');
    const refusal = (() => { try { limiter.check('common', 'ann', '10.0.0.3'); } catch (error) { return error; } })();
    expect(refusal).toBeInstanceOf(LimitExceededError);
    expect(refusal).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    // Another realm's user of the same name is another account.
    expect(() => limiter.check('open-bank', 'ann', '10.0.0.3')).not.toThrow();
    now = 10_000;
    expect(() => limiter.check('common', 'ann', '10.0.0.3')).not.toThrow();
  });

  it('counts a client address per login, and a success clears the username', () => {
    const limiter = new LoginLimiter({ maxFailuresPerUser: 5, maxFailuresPerClient: 2, windowMs: 10_000, now: () => 0 });
    limiter.failed('common', 'a', 'x');
    limiter.failed('common', 'b', 'x');
    expect(() => limiter.check('common', 'c', 'x')).toThrow(LimitExceededError);
    expect(() => limiter.check('open-bank', 'c', 'x')).not.toThrow();
    limiter.failed('common', 'd', 'y');
    limiter.succeeded('common', 'd');
    expect(() => limiter.check('common', 'd', 'z')).not.toThrow();
  });
});

describe('readEdgeLimits', () => {
  it('reads the bounds from the environment, scales the login window by TIME_SCALE, and refuses nonsense', () => {
    const limits = readEdgeLimits({ LOGIN_WINDOW_SECONDS: '30', STREAMS_PER_USER: '4', STREAM_REPLAY_BYTES: '1024' }, 0.1);
    expect(limits.login).toEqual({ maxFailuresPerUser: 5, maxFailuresPerClient: 30, windowMs: 3_000 });
    expect(limits.streams).toEqual({ perUser: 4, total: 1_000 });
    expect(limits.replay).toEqual({ events: 1_000, bytes: 1_024 });
    expect(readEdgeLimits({}).login.windowMs).toBe(60_000);
    expect(() => readEdgeLimits({ STREAMS_TOTAL: '0' })).toThrow('STREAMS_TOTAL must be an integer from 1 to 1000000, got "0"');
    expect(() => readEdgeLimits({ PASSWORD_HASH_CONCURRENCY: 'many' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });
});
