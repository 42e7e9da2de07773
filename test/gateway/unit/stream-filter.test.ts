import { describe, expect, it } from 'vitest';
import { ValidationError, createEvent } from '../../../actors/mod.ts';
import { streamMatcher } from '../../../gateway/sse/stream-filter.ts';

const event = (type: string, ids: { sessionId?: string; correlationId?: string } = {}, data: Record<string, unknown> = {}, requestedBy = 'ann') =>
  createEvent(type, data, { source: 'test', ...ids, metadata: { requestedBy } });
const ann = { username: 'ann', roles: ['CLERK'] };
const bob = { username: 'bob', roles: ['CLERK'] };

describe('streamMatcher', () => {
  it('lets every event but errors through when no filter is given', () => {
    const matches = streamMatcher({}, ann);
    expect(matches(event('Shouted', { sessionId: 'a' }))).toBe(true);
    expect(matches(event('Error', { sessionId: 'a' }))).toBe(false);
  });

  it('gives an Error only to the stream of its own session', () => {
    expect(streamMatcher({ sessionId: ['a'] }, ann)(event('Error', { sessionId: 'a' }))).toBe(true);
    expect(streamMatcher({ sessionId: ['b'] }, ann)(event('Error', { sessionId: 'a' }))).toBe(false);
    expect(streamMatcher({ correlationId: ['c'] }, ann)(event('Error', { sessionId: 'a', correlationId: 'c' }))).toBe(false);
  });

  it('gives a session\'s events and errors only to the principal whose request caused them', () => {
    const own = event('Shouted', { sessionId: 'a' }, {}, 'ann');
    const error = event('Error', { sessionId: 'a' }, {}, 'ann');
    expect(streamMatcher({ sessionId: ['a'] }, ann)(own)).toBe(true);
    expect(streamMatcher({ sessionId: ['a'] }, bob)(own)).toBe(false);
    expect(streamMatcher({ sessionId: ['a'] }, bob)(error)).toBe(false);
    // A landscape's own sign-up user of the same name is another principal.
    expect(streamMatcher({ sessionId: ['a'] }, { ...ann, issuer: 'open-bank' })(error)).toBe(false);
    // An anonymous request's session belongs to nobody.
    expect(streamMatcher({ sessionId: ['a'] }, ann)(createEvent('Error', {}, { source: 'test', sessionId: 'a' }))).toBe(false);
  });

  it('applies all filters together, the landscape ones included', () => {
    const matches = streamMatcher({ correlationId: ['c'], room: ['hall'] }, ann, { room: (e, value) => e.data.room === value });
    expect(matches(event('Shouted', { correlationId: 'c' }, { room: 'hall' }))).toBe(true);
    expect(matches(event('Shouted', { correlationId: 'c' }, { room: 'kitchen' }))).toBe(false);
    expect(matches(event('Shouted', { correlationId: 'd' }, { room: 'hall' }))).toBe(false);
  });

  it('treats a landscape filter that throws as not matching', () => {
    const matches = streamMatcher({ room: ['hall'] }, ann, { room: () => { throw new Error('bug'); } });
    expect(matches(event('Shouted'))).toBe(false);
  });

  it('refuses unknown, repeated and empty parameters with their paths', () => {
    const refused = (query: Record<string, string[]>) => {
      try {
        streamMatcher(query, ann);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => i.path);
      }
      throw new Error('not refused');
    };
    expect(refused({ sesionId: ['a'] })).toEqual(['query.sesionId']);
    expect(refused({ sessionId: ['a', 'b'], correlationId: [''] })).toEqual(['query.sessionId', 'query.correlationId']);
    expect(refused({ toString: ['x'] })).toEqual(['query.toString']);
  });
});
