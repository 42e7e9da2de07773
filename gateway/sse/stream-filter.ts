import { z } from 'zod';
import { ValidationError, type Envelope, type ValidationIssue } from '../../actors/mod.ts';
import type { AuthenticatedUser } from '../auth/users.ts';
import type { StreamFilter } from '../landscape.ts';
import { sessionOwnedBy } from './stream-access.ts';

/** The stream filters every landscape offers (common spec), for one reader; a landscape adds its own. */
function commonFilters(reader: AuthenticatedUser): Record<string, StreamFilter> {
  return {
    // Only the reader's own sessions: a session id someone else sent yields nothing.
    sessionId: (event, value) => event.metadata.sessionId === value && sessionOwnedBy(event, reader),
    correlationId: (event, value) => event.metadata.correlationId === value,
  };
}

/** The names of the common filters (the reader only changes what they match). */
const commonFilterNames = Object.keys(commonFilters({} as AuthenticatedUser));

/** Longest filter value: ids and names, never text. */
const maxValueLength = 200;
const oneValue = 'give exactly one non-empty value';

/**
 * The stream's query as a zod schema (the one `/api/openapi.json` describes and the
 * stream checks): each known filter at most once, one non-empty value of at most
 * `maxValueLength` characters; any other parameter is refused.
 */
export function streamQuery(landscapeFilters: Record<string, StreamFilter> = {}) {
  const names = [...new Set([...Object.keys(landscapeFilters), ...commonFilterNames])];
  return z.strictObject(Object.fromEntries(names.map((name) => [name, z.string().min(1, oneValue).max(maxValueLength, `at most ${maxValueLength} characters`).optional()])));
}

/**
 * Which events a stream's client gets, from its query. Unknown, repeated, empty or
 * overlong parameters are refused (400), in the query's order: a misspelt filter would
 * otherwise widen the stream silently. An `Error` goes only to a stream of its originating
 * session, opened by the principal that made the request: it can name the session's data.
 */
export function streamMatcher(query: Record<string, string[]>, reader: AuthenticatedUser, landscapeFilters: Record<string, StreamFilter> = {}): (event: Envelope) => boolean {
  const known = { ...landscapeFilters, ...commonFilters(reader) };
  // A repeated parameter reads as empty: both are "not exactly one non-empty value".
  const single = Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values.length === 1 ? values[0] : '']));
  const result = streamQuery(landscapeFilters).safeParse(single);
  if (!result.success) {
    const order = Object.keys(query);
    const issues: ValidationIssue[] = result.error.issues.flatMap((issue): ValidationIssue[] => issue.code === 'unrecognized_keys'
      ? issue.keys.map((name) => ({ path: `query.${name.slice(0, maxValueLength)}`, message: `unknown filter; known: ${Object.keys(known).join(', ')}` }))
      : [{ path: `query.${String(issue.path[0])}`, message: issue.message }]);
    issues.sort((a, b) => order.indexOf(a.path.slice('query.'.length)) - order.indexOf(b.path.slice('query.'.length)));
    throw new ValidationError('the stream filters are not valid', issues);
  }
  const active = Object.entries(result.data).filter((entry): entry is [string, string] => entry[1] !== undefined).map(([name, value]) => [known[name]!, value] as const);
  const sessionId = query.sessionId?.[0];
  return (event) => {
    if (event.type === 'Error' && (sessionId === undefined || event.metadata.sessionId !== sessionId || !sessionOwnedBy(event, reader))) return false;
    return active.every(([filter, value]) => {
      try {
        return filter(event, value);
      } catch {
        return false; // a landscape's filter must not break the stream
      }
    });
  };
}
