import { z } from 'zod';

type Target = 'draft-2020-12' | 'draft-7';

/**
 * A request's or message's schema as JSON Schema, by zod's own `z.toJSONSchema` (the
 * input side: what a caller sends). A schema that is not zod (any Standard Schema may
 * type a message) or whose parts JSON Schema cannot say (a custom check, a transform's
 * output) is described as far as it can be: `{}` accepts anything, never a wrong refusal.
 */
export function jsonSchemaOf(schema: unknown, target: Target): Record<string, unknown> {
  if (!(schema instanceof z.ZodType)) return {};
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}
