import type { MiddlewareHandler } from 'hono';
import { ValidationError, type ValidationIssue } from '../actors/mod.ts';

/**
 * Text no part of the system can store or pass on safely is refused at the edge, in one
 * place for every route (common spec: never a 500 for bad input): NUL (U+0000, which
 * Postgres text cannot hold), lone surrogates (not Unicode; JSON escapes like `\ud800`
 * produce them) and malformed percent-encoding, in the path, the query (names and
 * values) and every string of a JSON body (keys included). 400 problem naming where.
 */
export function refuseUnsafeText(): MiddlewareHandler {
  return async (c, next) => {
    const issues: ValidationIssue[] = [];
    const url = c.req.url;
    const pathEnd = url.search(/[?#]/);
    const path = new URL(url).pathname;
    for (const segment of path.split('/')) checkEncoded(segment, 'path', issues);
    const query = pathEnd >= 0 && url[pathEnd] === '?' ? url.slice(pathEnd + 1).split('#')[0]! : '';
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const [name = '', ...value] = pair.split('=');
      const key = checkEncoded(name, 'query', issues);
      checkEncoded(value.join('='), `query.${key ?? '?'}`, issues);
    }
    if (issues.length === 0 && hasBody(c.req.raw)) {
      const text = await c.req.text(); // cached by Hono: the route reads the same text
      if (text.includes('\u0000')) issues.push({ path: 'body', message: 'contains NUL (U+0000)' });
      else checkJson(text, issues);
    }
    if (issues.length > 0) throw new ValidationError('the request holds characters that are not allowed', issues.slice(0, 20));
    await next();
  };
}

/** Decodes one percent-encoded component; records why it is refused (and answers undefined). */
function checkEncoded(raw: string, where: string, issues: ValidationIssue[]): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(where === 'path' ? raw : raw.replace(/\+/g, ' '));
  } catch {
    issues.push({ path: where, message: 'malformed percent-encoding (or not UTF-8)' });
    return undefined;
  }
  const problem = unsafe(decoded);
  if (problem) issues.push({ path: where, message: problem });
  return problem ? undefined : decoded.slice(0, 100);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unsafe(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains NUL (U+0000)';
  if (loneSurrogate.test(text)) return 'contains a lone surrogate (not Unicode)';
  return undefined;
}

/** Walks a JSON body's strings without recursion (a deeply nested body must not overflow the stack). */
function checkJson(text: string, issues: ValidationIssue[]): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return; // not JSON: the route answers that
  }
  const stack: Array<[unknown, string]> = [[body, 'body']];
  while (stack.length > 0 && issues.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unsafe(value);
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const problem = unsafe(key);
        if (problem) issues.push({ path, message: `a field name ${problem}` });
        else stack.push([item, `${path}.${key}`]);
      }
    }
  }
}

function hasBody(request: Request): boolean {
  return request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
}
