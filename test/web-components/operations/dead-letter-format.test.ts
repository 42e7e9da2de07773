import { describe, expect, it } from 'vitest';
import {
  age, correlationOf, deadLettersPath, flowLink, errorText, messageText, outcomeText, suggestions, type DeadLetterView,
} from '../../../web-components/shared/operations/dead-letter-format.ts';

const letter = (extra: Partial<DeadLetterView> = {}): DeadLetterView => ({
  id: 'd1', messageId: 'm1', queue: 'shop.mill', type: 'Grind', reason: 'retries-exhausted',
  error: { class: 'Error', message: 'jammed' }, attempts: 3, parkedAt: '2026-01-01T00:00:00.000Z',
  message: { id: 'm1', type: 'Grind', data: { n: 1 } }, raw: null, status: 'parked', ...extra,
});

describe('the dead-letter office formatting', () => {
  it('puts only the filters that are set into the list path, encoded', () => {
    expect(deadLettersPath({})).toBe('/api/admin/dead-letters');
    expect(deadLettersPath({ queue: ' ', type: '' })).toBe('/api/admin/dead-letters');
    expect(deadLettersPath({ queue: 'shop.mill', type: 'Grind Now' })).toBe('/api/admin/dead-letters?queue=shop.mill&type=Grind+Now');
    expect(deadLettersPath({ type: 'A&B' })).toBe('/api/admin/dead-letters?type=A%26B');
  });

  it('says how long ago a message was parked, coarsely', () => {
    const parked = Date.parse('2026-01-01T00:00:00.000Z');
    const iso = '2026-01-01T00:00:00.000Z';
    expect(age(iso, parked + 2_000)).toBe('just now');
    expect(age(iso, parked + 42_000)).toBe('42 s ago');
    expect(age(iso, parked + 3 * 60_000 + 5_000)).toBe('3 min ago');
    expect(age(iso, parked + 5 * 3_600_000)).toBe('5 h ago');
    expect(age(iso, parked + 2 * 86_400_000)).toBe('2 d ago');
    expect(age('not a date', parked)).toBe('not a date');
  });

  it('shows the error as class and message, or whichever is known', () => {
    expect(errorText({ class: 'TypeError', message: 'x is undefined' })).toBe('TypeError: x is undefined');
    expect(errorText({ class: null, message: 'message TTL expired' })).toBe('message TTL expired');
    expect(errorText({ class: null, message: null })).toBe('—');
  });

  it('expands to the envelope as indented JSON, or the raw body of a malformed message', () => {
    expect(messageText(letter())).toBe(JSON.stringify({ id: 'm1', type: 'Grind', data: { n: 1 } }, null, 2));
    expect(messageText(letter({ message: null, raw: '{"id": broken' }))).toBe('{"id": broken');
  });

  it('reports the outcome of a retry or a discard, and a failure with its reason', () => {
    expect(outcomeText('retry', letter())).toBe('Retried Grind: re-delivered to shop.mill');
    expect(outcomeText('discard', letter())).toBe('Discarded Grind');
    expect(outcomeText('retry', letter(), 'the dead letter is no longer parked')).toBe('Retry failed: the dead letter is no longer parked');
  });

  it('suggests the distinct queues and types seen, sorted, skipping unknown types', () => {
    const letters = [letter({ queue: 'b.q', type: 'Y' }), letter({ queue: 'a.q', type: null }), letter({ queue: 'b.q', type: 'X' })];
    expect(suggestions(letters, 'queue')).toEqual(['a.q', 'b.q']);
    expect(suggestions(letters, 'type')).toEqual(['X', 'Y']);
  });

  it('finds the correlation id of a parked envelope, none for a malformed body', () => {
    expect(correlationOf(letter({ message: { id: 'm1', metadata: { correlationId: 'c-9' } } }))).toBe('c-9');
    expect(correlationOf(letter({ message: null, raw: 'x' }))).toBeUndefined();
    expect(correlationOf(letter({ message: { id: 'm1', metadata: {} } }))).toBeUndefined();
  });

  it('links a dead letter to its flow on the same page, keeping the other parameters', () => {
    expect(flowLink('', 'c-9')).toBe('?correlationId=c-9');
    expect(flowLink('?machine=m&correlationId=old', 'c 9')).toBe('?machine=m&correlationId=c+9');
  });
});
