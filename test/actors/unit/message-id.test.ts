import { describe, expect, it } from 'vitest';
import { createCommand } from '../../../actors/envelope/envelope.ts';
import { newMessageId } from '../../../actors/envelope/message-id.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('message ids', () => {
  it('are UUIDs of version 7 with the RFC variant', () => {
    for (let i = 0; i < 1_000; i++) expect(newMessageId()).toMatch(uuidV7);
  });

  it('start with the Unix time in milliseconds', () => {
    const at = Date.UTC(2026, 11, 2, 20, 0, 0, 123);
    const id = newMessageId(at);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sort by the millisecond they were made in, so B-tree inserts land on the newest pages', () => {
    const ids = [0, 1, 2, 1_000, 86_400_000].map((offset) => newMessageId(1_790_000_000_000 + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('are unique within one millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newMessageId(at)));
    expect(ids.size).toBe(10_000);
  });

  it('are what a new message gets, unless it is given one', () => {
    expect(createCommand('Do', {}, { source: 'test' }).id).toMatch(uuidV7);
    expect(createCommand('Do', {}, { source: 'test', id: 'given' }).id).toBe('given');
  });
});
