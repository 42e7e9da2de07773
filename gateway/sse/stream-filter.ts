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

/** Longest filter value: ids and names, never text. */
const maxValueLength = 200;

/**
 * Which events a stream's client gets, from its query. Unknown, repeated, empty or
 * overlong parameters are refused (400): a misspelt filter would otherwise widen the
 * stream silently. An `Error` goes only to a stream of its originating session, opened by
 * the principal that made the request: it can name the session's data.
 */
export function streamMatcher(query: Record<string, string[]>, reader: AuthenticatedUser, landscapeFilters: Record<string, StreamFilter> = {}): (event: Envelope) => boolean {
  const known = { ...landscapeFilters, ...commonFilters(reader) };
  const issues: ValidationIssue[] = [];
  const active: Array<[StreamFilter, string]> = [];
  for (const [name, values] of Object.entries(query)) {
    const filter = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!filter) issues.push({ path: `query.${name.slice(0, maxValueLength)}`, message: `unknown filter; known: ${Object.keys(known).join(', ')}` });
    else if (values.length !== 1 || !values[0]) issues.push({ path: `query.${name}`, message: 'give exactly one non-empty value' });
    else if (values[0].length > maxValueLength) issues.push({ path: `query.${name}`, message: `at most ${maxValueLength} characters` });
    else active.push([filter, values[0]]);
  }
  if (issues.length > 0) throw new ValidationError('the stream filters are not valid', issues);
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
