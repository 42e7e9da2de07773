import { describe, expect, it } from 'vitest';
import { newMessageId } from '../../../actors/mod.ts';
import { shortId } from '../../../web-components/shared/short-id.ts';

describe('shortId', () => {
  it('tells apart message ids made in the same millisecond (UUIDv7 share their time prefix)', () => {
    const at = Date.parse('2026-12-06T20:00:00Z');
    const ids = Array.from({ length: 50 }, () => newMessageId(at));
    expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBe(1); // what the views showed before
    expect(new Set(ids.map(shortId)).size).toBe(ids.length);
  });

  it('shows the random tail of a UUID after an ellipsis, keeping a suffix such as a split group\'s', () => {
    expect(shortId('0190f1c2-7a3b-7c4d-8e5f-a1b2c3d4e5f6')).toBe('…c3d4e5f6');
    expect(shortId('0190f1c2-7a3b-7c4d-8e5f-a1b2c3d4e5f6.1.2')).toBe('…c3d4e5f6.1.2');
  });

  it('shows a ULID\'s random tail, a short id whole, and a dash for none', () => {
    expect(shortId('01JEXAMPLE0000RANDOMPART12')).toBe('…OMPART12');
    expect(shortId('order-7')).toBe('order-7');
    expect(shortId('mine-1733515200000')).toBe('…15200000');
    expect(shortId(undefined)).toBe('—');
    expect(shortId(null)).toBe('—');
    expect(shortId('')).toBe('—');
  });
});
