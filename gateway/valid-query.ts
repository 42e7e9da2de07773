import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../actors/mod.ts';
import { noted } from './api-docs/route-notes.ts';
import { issuesOf } from './valid-json.ts';

type QueryInput<S extends z.ZodType> = { in: { query: Record<string, string> }; out: { query: z.output<S> } };

/**
 * Validates the query string against a zod object schema (values arrive as text: use
 * `z.coerce` for numbers); the route reads it with `c.req.valid('query')`. A failure is a
 * ValidationError (400) whose issues are at `query.<name>` (a strict schema's unknown one: 'unknown parameter'). Noted with its schema, so
 * `/api/openapi.json` lists the parameters.
 */
export function validQuery<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, QueryInput<S>> {
  return noted(async (c, next) => {
    const result = schema.safeParse(c.req.query());
    if (!result.success) {
      throw new ValidationError('the query does not fit the request', issuesOf(result.error).map((issue) => ({ path: `query.${issue.path}`, message: issue.message === 'unknown field' ? 'unknown parameter' : issue.message })));
    }
    c.req.addValidatedData('query', result.data as Record<string, unknown>);
    await next();
  }, { kind: 'query', schema });
}
