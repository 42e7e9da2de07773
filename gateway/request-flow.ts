import type { Context, MiddlewareHandler } from 'hono';
import { newMessageId, ValidationError, type RequestFlow, type ValidationIssue } from '../actors/mod.ts';
import { setHeader } from './security-headers.ts';

/** What the gateway keeps per request; landscape routes read it through `flowOf`. */
export type GatewayEnv = { Variables: { flow: RequestFlow; requestId: string } };

export const flowHeaders = {
  sessionId: 'x-session-id',
  requestId: 'x-request-id',
  forceError: 'x-force-error',
} as const;

/** Long enough for any uuid or tab id, short enough that a header cannot bloat every message. */
const maxIdLength = 200;
const forceErrorPattern = /^(business|technical|technical-always)@[\w-]+\.[\w-]+$/;

/**
 * Reads the browser's ids into the request's flow (common spec): the session and request
 * ids (a request id is made when absent) are returned as response headers and travel in
 * the metadata of every message the request causes. Each request is one external stimulus,
 * so it starts its own correlation. `x-force-error` is copied only when forced errors are
 * allowed (ALLOW_FORCED_ERRORS=true); otherwise it is ignored, not refused.
 */
export function requestFlow(options: { allowForcedErrors: boolean }): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const requestId = c.req.header(flowHeaders.requestId) || crypto.randomUUID();
    const sessionId = c.req.header(flowHeaders.sessionId) || undefined;
    c.set('requestId', requestId);
    const echoed: Array<[string, string]> = [[flowHeaders.requestId, requestId]];
    if (sessionId !== undefined) echoed.push([flowHeaders.sessionId, sessionId]);
    // Echoed before anything can fail, so error responses carry them too.
    for (const [name, value] of echoed) c.header(name, value.slice(0, maxIdLength));

    const issues: ValidationIssue[] = [];
    for (const [name, value] of [[flowHeaders.requestId, requestId], [flowHeaders.sessionId, sessionId]] as const) {
      if (value !== undefined && value.length > maxIdLength) issues.push({ path: `headers.${name}`, message: `at most ${maxIdLength} characters` });
    }
    const forceError = options.allowForcedErrors ? c.req.header(flowHeaders.forceError) : undefined;
    if (forceError !== undefined && !forceErrorPattern.test(forceError)) {
      issues.push({ path: `headers.${flowHeaders.forceError}`, message: 'expected <business|technical|technical-always>@<landscape>.<service>' });
    }
    if (issues.length > 0) throw new ValidationError('a request header is not valid', issues);

    const flow: RequestFlow = { correlationId: newMessageId(), requestId };
    if (sessionId !== undefined) flow.sessionId = sessionId;
    if (forceError !== undefined) flow.metadata = { forceError };
    c.set('flow', flow);
    await next();
    // A Response built outside the context (e.g. by a middleware) did not get them above.
    for (const [name, value] of echoed) setHeader(c, name, value.slice(0, maxIdLength));
  };
}

/**
 * The flow of the request being handled: spread it into `createCommand`'s options or pass
 * it to `system.transaction`, so what the request causes carries its ids.
 */
export function flowOf(c: Context): RequestFlow {
  const flow = (c as Context<GatewayEnv>).get('flow');
  if (!flow) throw new Error('flowOf: the request-flow middleware did not run for this route');
  return flow;
}
