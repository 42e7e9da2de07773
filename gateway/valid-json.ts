import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../actors/mod.ts';
import { noted } from './api-docs/route-notes.ts';

type JsonInput<S extends z.ZodType> = { in: { json: z.input<S> }; out: { json: z.output<S> } };

const jsonContentType = /^application\/([\w.-]+\+)?json\b/i;

/**
 * Validates a JSON body against a zod schema; the route reads it with `c.req.valid('json')`.
 * A top-level object is made strict, so unknown fields are refused (common spec); nested
 * objects should be `z.strictObject` too. Any failure is a ValidationError (400 with
 * `errors`), never a 500: malformed JSON, a body that is not JSON, wrong or missing fields.
 */
export function validJson<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, JsonInput<S>> {
  const strict: z.ZodType = schema instanceof z.ZodObject ? schema.strict() : schema;
  // Noted with the schema it checks: `/api/openapi.json` describes the body from it.
  return noted(async (c, next) => {
    if (!jsonContentType.test(c.req.header('content-type') ?? '')) {
      throw new ValidationError('the body must be JSON', [{ path: '', message: 'expected content-type application/json' }]);
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch (error) {
      throw new ValidationError('the body is not valid JSON', [{ path: '', message: (error as Error).message }]);
    }
    const result = strict.safeParse(body);
    if (!result.success) throw new ValidationError('the body does not fit the request', issuesOf(result.error));
    c.req.addValidatedData('json', result.data as object);
    await next();
  }, { kind: 'body', schema: strict });
}

/** zod issues as `{path, message}`; an unknown-keys issue becomes one issue per key. */
export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    const at = (path: readonly PropertyKey[]) => path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'unknown field' }));
    return [{ path: at(issue.path), message: issue.message }];
  });
}
