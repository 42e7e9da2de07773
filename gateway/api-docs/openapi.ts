import { jsonSchemaOf } from './json-schema.ts';
import { noteOf, type RouteNote } from './route-notes.ts';

/** One entry of Hono's route table (`app.routes`): a middleware or the handler of a route. */
export interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;

const problem = { $ref: '#/components/responses/Problem' };

/**
 * OpenAPI 3.1 of every `/api/…` route of an app, from its route table: one operation per
 * method and path, its path parameters, the JSON body and query parameters as the route's
 * `validJson` / `validQuery` schemas check them, and the step a `secure` guard (on the route or on a `/*` prefix) asks for.
 * Responses say only what every route shares (JSON on success, problem+json otherwise):
 * the routes do not declare their answers, and a guessed one would be a wrong contract.
 */
export function openApiDocument(routes: readonly RouteEntry[], info: OpenApiInfo): Json {
  const prefixes = routes.filter((r) => r.method === 'ALL' && r.path.endsWith('/*'));
  const operations = new Map<string, { method: string; path: string; notes: RouteNote[] }>();
  for (const route of routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/') || route.path.includes('*')) continue;
    const id = `${route.method} ${route.path}`;
    let operation = operations.get(id);
    if (!operation) {
      const inherited = prefixes.filter((p) => route.path.startsWith(p.path.slice(0, -1))).map((p) => noteOf(p.handler));
      operation = { method: route.method.toLowerCase(), path: route.path, notes: inherited.filter((n): n is RouteNote => n !== undefined) };
      operations.set(id, operation);
    }
    const note = noteOf(route.handler);
    if (note) operation.notes.push(note);
  }
  const paths: Record<string, Json> = {};
  for (const { method, path, notes } of operations.values()) {
    const openPath = openApiPath(path);
    paths[openPath] = { ...paths[openPath], [method]: operation(method, path, notes) };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Problem: {
          description: 'An error as application/problem+json (RFC 9457); a 400 lists `errors: [{path, message}]`',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}

function operation(method: string, path: string, notes: readonly RouteNote[]): Json {
  // Tagged by what follows /api/: the landscape, `auth`, `admin`; the descriptions themselves as `api`.
  const segment = path.split('/')[2]!;
  const tag = segment.includes('.') ? 'api' : segment;
  const body = notes.find((n) => n.kind === 'body');
  const secured = notes.filter((n) => n.kind === 'secured');
  const needsToken = secured.length > 0 || notes.some((n) => n.kind === 'authenticated');
  const query = notes.find((n) => n.kind === 'query');
  const parameters = [
    ...pathParameters(path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(query ? queryParameters(query.schema) : []),
  ];
  const stream = method === 'get' && path.endsWith('/stream');
  return {
    operationId: `${method}${openApiPath(path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [tag],
    ...(secured.length > 0 ? { 'x-secured-steps': secured.map((s) => `${s.process}.${s.step}`), description: `Needs a role that may perform ${secured.map((s) => `${s.process}.${s.step}`).join(' and ')}.` } : {}),
    ...(needsToken ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(body.schema, 'draft-2020-12') } } } } : {}),
    responses: {
      '2XX': stream
        ? { description: 'Server-Sent Events: one event per message of the landscape', content: { 'text/event-stream': { schema: { type: 'string' } } } }
        : { description: 'Success', content: { 'application/json': { schema: {} } } },
      ...(body || query ? { 400: problem } : {}),
      ...(needsToken ? { 401: problem } : {}),
      ...(secured.length > 0 ? { 403: problem } : {}),
      default: problem,
    },
  };
}

/** Hono's `/orders/:id{[0-9]+}` as OpenAPI's `/orders/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}');
}

/** A query schema's fields as query parameters; required when the schema requires them. */
function queryParameters(schema: unknown): Json[] {
  const json = jsonSchemaOf(schema, 'draft-2020-12') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}
