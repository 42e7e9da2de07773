import { ValidationError, type Envelope, type ValidationIssue } from '../../actors/mod.ts';
import type { StreamFilter } from '../landscape.ts';

/** The stream filters every landscape offers (common spec); a landscape adds its own. */
const commonFilters: Record<string, StreamFilter> = {
  sessionId: (event, value) => event.metadata.sessionId === value,
  correlationId: (event, value) => event.metadata.correlationId === value,
};

/**
 * Which events a stream's client gets, from its query. Unknown, repeated or empty
 * parameters are refused (400): a misspelt filter would otherwise widen the stream
 * silently. An `Error` goes only to a stream of its originating session: it can name
 * the session's data, so a stream without `sessionId` never gets one.
 */
export function streamMatcher(query: Record<string, string[]>, landscapeFilters: Record<string, StreamFilter> = {}): (event: Envelope) => boolean {
  const known = { ...landscapeFilters, ...commonFilters };
  const issues: ValidationIssue[] = [];
  const active: Array<[StreamFilter, string]> = [];
  for (const [name, values] of Object.entries(query)) {
    const filter = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!filter) issues.push({ path: `query.${name}`, message: `unknown filter; known: ${Object.keys(known).join(', ')}` });
    else if (values.length !== 1 || !values[0]) issues.push({ path: `query.${name}`, message: 'give exactly one non-empty value' });
    else active.push([filter, values[0]]);
  }
  if (issues.length > 0) throw new ValidationError('the stream filters are not valid', issues);
  const sessionId = query.sessionId?.[0];
  return (event) => {
    if (event.type === 'Error' && (sessionId === undefined || event.metadata.sessionId !== sessionId)) return false;
    return active.every(([filter, value]) => {
      try {
        return filter(event, value);
      } catch {
        return false; // a landscape's filter must not break the stream
      }
    });
  };
}
