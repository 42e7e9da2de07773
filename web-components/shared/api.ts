import { clearSession, sessionId, storedToken } from './session-store.ts';

/** An RFC 9457 problem as the API answers every error (common spec, "Errors"). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A non-2xx answer; `problem` is the problem+json body (or one made up from the status). */
export class ProblemError extends Error {
  status: number;
  problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One JSON call to the API as this tab: the stored token as a bearer, this tab's
 * `x-session-id` (so the flow's events and errors find this tab's streams). 204 answers
 * undefined; any other non-2xx throws a ProblemError.
 */
export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-session-id': sessionId, ...options.headers };
  const token = storedToken();
  // An explicit `authorization: ''` sends none (login must not carry a stale token).
  if (headers.authorization === '') delete headers.authorization;
  else if (token && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text && isJson(response) ? JSON.parse(text) : text || undefined;
  if (response.ok) return body as T;
  // A token the server no longer accepts (expired, secret changed): log out, so the UI asks again.
  if (response.status === 401 && token && /invalid_token/.test(response.headers.get('www-authenticate') ?? '')) clearSession();
  throw new ProblemError(asProblem(body, response));
}

function isJson(response: Response): boolean {
  return /[/+]json\b/.test(response.headers.get('content-type') ?? '');
}

function asProblem(body: unknown, response: Response): Problem {
  if (typeof body === 'object' && body !== null && 'status' in body) return body as Problem;
  const problem: Problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  if (typeof body === 'string' && body) problem.detail = body;
  return problem;
}
