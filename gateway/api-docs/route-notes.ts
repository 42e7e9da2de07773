import type { z } from 'zod';

/**
 * What a middleware tells an API description about the routes it guards or validates:
 * the JSON body or query schema it checks (`validJson`, `validQuery`), the step it secures (`secure`), or that
 * any valid token will do (`authenticated`). Kept beside the very function Hono runs, so
 * the description is generated from the schemas that validate, not from a copy.
 */
export type RouteNote =
  | { kind: 'body'; schema: z.ZodType }
  | { kind: 'query'; schema: z.ZodType }
  | { kind: 'secured'; process: string; step: string }
  | { kind: 'authenticated' };

const notes = new WeakMap<object, RouteNote>();

/** Marks `handler` with `note`; answers the handler itself, so it wraps a `return`. */
export function noted<H extends object>(handler: H, note: RouteNote): H {
  notes.set(handler, note);
  return handler;
}

/**
 * The note of a handler from Hono's route table. A sub-app with its own error handler is
 * mounted wrapped; Hono keeps the original under `__COMPOSED_HANDLER`.
 */
export function noteOf(handler: unknown): RouteNote | undefined {
  if (typeof handler !== 'function') return undefined;
  const own = notes.get(handler);
  if (own) return own;
  const composed = (handler as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER;
  return composed === undefined || composed === handler ? undefined : noteOf(composed);
}
