import type { ValidationIssue } from '../actors/mod.ts';

/**
 * An `application/problem+json` body (RFC 9457), the one error shape of the REST API
 * (common spec). `type` is a relative reference naming the kind of problem, so clients
 * can tell kinds apart without parsing `title` or `detail`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation problems: what is wrong where. */
  errors?: ValidationIssue[];
}

export const problemContentType = 'application/problem+json';

/** Builds a problem of kind `code` (e.g. `validation`, `not-found`). */
export function problem(code: string, status: number, title: string, detail: string, errors?: readonly ValidationIssue[]): Problem {
  const body: Problem = { type: `/problems/${code}`, title, status, detail };
  if (errors) body.errors = [...errors];
  return body;
}

/** The problem as a response; `headers` are added (e.g. `retry-after`). */
export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': problemContentType, ...headers },
  });
}
