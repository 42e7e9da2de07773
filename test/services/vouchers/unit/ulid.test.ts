import { describe, expect, it } from 'vitest';
import { ulid } from '../../../../services/vouchers/ulid.ts';

describe('ulid', () => {
  it('is 26 Crockford base32 characters that sort by time', () => {
    const first = ulid(1_700_000_000_000);
    const later = ulid(1_700_000_000_001);
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first < later).toBe(true);
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
  });
});
