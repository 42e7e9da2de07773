import { describe, expect, it } from 'vitest';
import { ValidationError, createEvent } from '../../../actors/mod.ts';
import { streamMatcher } from '../../../gateway/sse/stream-filter.ts';

const event = (type: string, ids: { sessionId?: string; correlationId?: string } = {}, data: Record<string, unknown> = {}) =>
  createEvent(type, data, { source: 'test', ...ids });

describe('streamMatcher', () => {
  it('lets every event but errors through when no filter is given', () => {
    const matches = streamMatcher({});
    expect(matches(event('Shouted', { sessionId: 'a' }))).toBe(true);
    expect(matches(event('Error', { sessionId: 'a' }))).toBe(false);
  });

  it('gives an Error only to the stream of its own session', () => {
    expect(streamMatcher({ sessionId: ['a'] })(event('Error', { sessionId: 'a' }))).toBe(true);
    expect(streamMatcher({ sessionId: ['b'] })(event('Error', { sessionId: 'a' }))).toBe(false);
    expect(streamMatcher({ correlationId: ['c'] })(event('Error', { sessionId: 'a', correlationId: 'c' }))).toBe(false);
  });

  it('applies all filters together, the landscape ones included', () => {
    const matches = streamMatcher({ correlationId: ['c'], room: ['hall'] }, { room: (e, value) => e.data.room === value });
    expect(matches(event('Shouted', { correlationId: 'c' }, { room: 'hall' }))).toBe(true);
    expect(matches(event('Shouted', { correlationId: 'c' }, { room: 'kitchen' }))).toBe(false);
    expect(matches(event('Shouted', { correlationId: 'd' }, { room: 'hall' }))).toBe(false);
  });

  it('treats a landscape filter that throws as not matching', () => {
    const matches = streamMatcher({ room: ['hall'] }, { room: () => { throw new Error('bug'); } });
    expect(matches(event('Shouted'))).toBe(false);
  });

  it('refuses unknown, repeated and empty parameters with their paths', () => {
    const refused = (query: Record<string, string[]>) => {
      try {
        streamMatcher(query);
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
