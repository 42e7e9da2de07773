import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesOf } from '../../../gateway/valid-json.ts';

describe('issuesOf', () => {
  it('names the path of each problem, one issue per unknown field', () => {
    const schema = z.strictObject({ order: z.strictObject({ qty: z.number().int().min(1) }), items: z.array(z.string()) });
    const result = schema.safeParse({ order: { qty: 0, colour: 'red' }, items: ['a', 2], extra: true });
    expect(result.success).toBe(false);
    expect(issuesOf(result.error!)).toEqual(expect.arrayContaining([
      { path: 'order.qty', message: expect.any(String) },
      { path: 'order.colour', message: 'unknown field' },
      { path: 'items.1', message: expect.any(String) },
      { path: 'extra', message: 'unknown field' },
    ]));
  });
});
