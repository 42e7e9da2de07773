import { validate as validateOpenApi } from '@readme/openapi-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, defineMessages } from '../../../actors/mod.ts';
import { asyncApiDocument } from '../../../gateway/api-docs/asyncapi.ts';
import { readAppConfig } from '../../../app-config.ts';
import { openApiPath } from '../../../gateway/api-docs/openapi.ts';
import type { Gateway } from '../../../gateway/app.ts';
import { minimumIterations } from '../../../gateway/auth/index.ts';
import { createEdge } from '../../../gateway/edge.ts';
import { landscapes } from '../../../services/mod.ts';

// The official AsyncAPI 3.0.0 JSON Schema, as the AsyncAPI initiative publishes it in
// @asyncapi/specs (@asyncapi/parser itself pulls a dependency with an install script).
const asyncApiSchema = createRequire(import.meta.url)('@asyncapi/specs/schemas/3.0.0-without-$id.json') as object;

let gateway: Gateway;
beforeAll(async () => {
  // The whole edge as `npm start` builds it, every landscape mounted; no system behind it:
  // the descriptions need none.
  gateway = await createEdge({
    system: () => undefined,
    config: readAppConfig({ JWT_SECRET: 'api-descriptions-secret' }),
    logger: createLogger({ level: 'silent' }),
    landscapes: landscapes.map((landscape) => landscape.edge),
    users: landscapes.flatMap((landscape) => landscape.users ?? []),
    securityModels: landscapes.flatMap((landscape) => landscape.securityModel ?? []),
    passwordIterations: minimumIterations,
    web: false,
  });
});
afterAll(() => gateway.close());

const fetchJson = async (path: string) => {
  const response = await gateway.app.request(path);
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, any>>;
};

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document with every /api route of every landscape, by method', async () => {
    const document = await fetchJson('/api/openapi.json');
    const result = await validateOpenApi(structuredClone(document) as Parameters<typeof validateOpenApi>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(document.openapi).toBe('3.1.0');

    const routes = gateway.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'));
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      expect(document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    for (const landscape of landscapes) {
      expect(routes.some((r) => r.path.startsWith(`/api/${landscape.name}/`)), landscape.name).toBe(true);
    }
  });

  it('describes a body by the very schema that validates it, and the step a route is secured by', async () => {
    const document = await fetchJson('/api/openapi.json');
    const placeOrder = document.paths['/api/restaurant/orders'].post;
    const body = placeOrder.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['tableNumber', 'items'], additionalProperties: false });
    expect(body.properties.tableNumber).toMatchObject({ type: 'integer', minimum: 1, maximum: 19 });
    expect(placeOrder.responses['400']).toBeDefined();
    // The body the route refuses is the body the description calls wrong.
    const refused = await gateway.app.request('/api/restaurant/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tableNumber: 20, items: [] }) });
    expect(refused.status).toBe(400);

    const draft = document.paths['/api/milk-factory/drafts'].post;
    expect(draft['x-secured-steps']).toEqual(['SALES.DRAFT']);
    expect(draft.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(draft.responses)).toEqual(expect.arrayContaining(['401', '403']));
    // A guard on a prefix (`/api/admin/*`) secures every route under it.
    expect(document.paths['/api/admin/orchestrators'].get['x-secured-steps']).toEqual(['OPERATIONS.ADMINISTER']);
    expect(document.paths['/api/vouchers/orders/{id}'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(document.paths['/api/restaurant/orders'].get.security).toBeUndefined();
    // A query the route validates (validQuery) is listed parameter by parameter.
    expect(document.paths['/api/milk-factory/bills'].get.parameters).toEqual([
      { name: 'contractId', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } },
      { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 1000, default: 1000 }) },
      { name: 'after', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
    ]);
  });
});

// Files allowed to read the raw query: validQuery itself; the HTML pages (not /api routes); the
// SSE stream, which checks its filters' noted schema (`streamQuery`) itself, after the login
// and counting repeated values.
const rawQueryReaders = new Set(['gateway/valid-query.ts', 'gateway/web/index.ts', 'gateway/sse/stream-route.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('query parameters in /api/openapi.json', () => {
  it('no route handler reads the query itself: every query parameter goes through validQuery (so it is described)', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    const readers = [...sourceFiles(join(root, 'services')), ...sourceFiles(join(root, 'gateway'))]
      .map((file) => file.slice(root.length))
      .filter((file) => !rawQueryReaders.has(file) && /\.req\.quer(y|ies)\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('lists every query parameter of the routes that read one, with the rule that checks it', async () => {
    const document = await fetchJson('/api/openapi.json');
    const limit = (max: number) => ({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: max }) });
    const optional = (name: string) => ({ name, in: 'query', required: false, schema: expect.anything() });
    const required = (name: string) => ({ name, in: 'query', required: true, schema: expect.anything() });
    // Every route that read a query inside its handler before (grep `c.req.query(` / `listLimit(`).
    const expected: Record<string, unknown[]> = {
      'get /api/deadline-orders/orders': [optional('holderId'), limit(1000)],
      'get /api/deadline-orders/exchanges': [optional('all'), optional('holderId'), limit(1000)],
      'get /api/deadline-orders/transactions': [optional('holderId'), optional('orderId'), limit(1000)],
      'get /api/deadline-orders/deadlines': [limit(1000)],
      'get /api/deadline-orders/orders/{orderId}/events': [limit(1000)],
      'get /api/restaurant/orders': [limit(500)],
      'get /api/vouchers/orders': [limit(1000)],
      'get /api/vouchers/vouchers': [optional('orderId'), limit(1000)],
      'get /api/vouchers/publications': [optional('status'), limit(1000)],
      'get /api/milk-factory/cases': [required('referenceId')],
      'get /api/milk-factory/tasks': [optional('state'), limit(1000)],
      'get /api/milk-factory/partners': [optional('q'), limit(200)],
      'get /api/milk-factory/contracts': [optional('partnerId'), limit(1000)],
      'get /api/milk-factory/deliveries': [required('contractId')],
      'delete /api/milk-factory/drafts/{id}/components': [required('path')],
      'get /api/open-bank/accounts/{iban}/transactions': [optional('max')],
      'get /api/open-bank/transactions/latest': [limit(1000)],
      'get /api/open-bank/transfers/{id}': [optional('waitMs')],
      'get /api/admin/dead-letters': [optional('queue'), optional('type'), optional('status'), optional('limit')],
      'get /api/admin/flows/{correlationId}': [limit(1000)],
    };
    for (const [operation, parameters] of Object.entries(expected)) {
      const [method, path] = operation.split(' ') as [string, string];
      const listed = (document.paths[path]?.[method]?.parameters ?? []).filter((p: { in: string }) => p.in === 'query');
      expect(listed, operation).toEqual(parameters);
      expect(document.paths[path][method].responses['400'], operation).toBeDefined();
    }
    expect(document.paths['/api/milk-factory/tasks'].get.parameters[0].schema).toMatchObject({ enum: ['OPEN', 'DONE'] });
    // Every landscape's stream lists its own filters and the common ones.
    for (const landscape of landscapes) {
      const names = document.paths[`/api/${landscape.name}/stream`].get.parameters.map((p: { name: string }) => p.name);
      expect(names, landscape.name).toEqual(expect.arrayContaining([...Object.keys(landscape.edge.streamFilters ?? {}), 'sessionId', 'correlationId']));
    }
  });

  it('refuses what the description refuses, at query.<name>, with the rule as the message', async () => {
    // One issue per parameter, however many rules its value breaks (as the hand-written checks answered).
    for (const waitMs of ['30001', '-1.5', 'abc', '1e20']) {
      const bad = await gateway.app.request(`/api/open-bank/transfers/t1?waitMs=${waitMs}`);
      expect(bad.status, waitMs).toBe(400);
      expect((await bad.json()).errors, waitMs).toEqual([{ path: 'query.waitMs', message: 'an integer from 0 to 30000' }]);
    }
    for (const limit of ['0', '-1.5', '1e3', ' 5', '99999999999999999999']) {
      const bad = await gateway.app.request(`/api/restaurant/orders?limit=${encodeURIComponent(limit)}`);
      expect(bad.status, limit).toBe(400);
      expect((await bad.json()).errors, limit).toEqual([{ path: 'query.limit', message: 'an integer from 1 to 500' }]);
    }
    const unknown = await gateway.app.request('/api/vouchers/vouchers?orderid=x');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([{ path: 'query.orderid', message: 'unknown parameter' }]);
  });
});

function expectValidAsyncApi(document: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const valid = ajv.validate(asyncApiSchema, document);
  expect(ajv.errors ?? [], ajv.errorsText(ajv.errors, { separator: '\n' })).toEqual([]);
  expect(valid).toBe(true);
}

describe('GET /api/asyncapi.json', () => {
  it('is valid against the official AsyncAPI 3.0.0 schema', async () => {
    const document = await fetchJson('/api/asyncapi.json');
    expectValidAsyncApi(document);
    // Every $ref points into the document.
    const text = JSON.stringify(document);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!.split('/').reduce<any>((node, part) => node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], document);
      expect(target, ref).toBeDefined();
    }
  });

  it('has every message type of every catalogue on its exchange and routing key, with its data schema', async () => {
    const document = await fetchJson('/api/asyncapi.json');
    const channels = Object.values(document.channels) as Array<{ address: string | null; messages: Record<string, unknown>; bindings: { amqp: { exchange: { name: string; type: string } } } }>;
    const carrying = (type: string) => channels.filter((channel) => Object.hasOwn(channel.messages, type));
    for (const landscape of landscapes) {
      const catalogue = landscape.edge.messaging!.catalogue;
      for (const type of Object.keys(catalogue.events)) {
        expect(carrying(type).map((c) => [c.bindings.amqp.exchange.name, c.bindings.amqp.exchange.type, c.address]), type)
          .toContainEqual([`${landscape.name}.events`, 'topic', type]);
        expect(document.components.messages[`${landscape.name}.${type}`].payload.properties.kind).toEqual({ const: 'event' });
      }
      for (const type of Object.keys(catalogue.commands)) {
        const handlers = landscape.actors.filter((a) => Object.hasOwn(a.commands ?? {}, type)).map((a) => a.service);
        const routed = carrying(type).filter((c) => c.bindings.amqp.exchange.name === `${landscape.name}.commands`);
        expect(routed.map((c) => c.address).sort(), type).toEqual(handlers.length > 0 ? [...handlers].sort() : [null]);
      }
    }
    // The data schema is the catalogue's: the restaurant's order document requires its orderId.
    const orderPlaced = document.components.messages['restaurant.OrderPlaced'].payload.properties.data;
    expect(orderPlaced.type).toBe('object');
    expect(orderPlaced.required).toContain('orderId');
  });
});

describe('asyncApiDocument', () => {
  it('describes a command no actor handles (no routing key) and data whose schema is not zod (any data), and stays valid', () => {
    // A Standard Schema that is not zod: its JSON Schema is unknown, so it is described as any data.
    const notZod = { '~standard': { version: 1, vendor: 'hand-written', validate: (value: unknown) => ({ value }) } } as const;
    const catalogue = defineMessages({ commands: { Orphan: z.strictObject({ n: z.number().int() }) }, events: { Happened: notZod } });
    const document = asyncApiDocument([{ name: 'tiny', catalogue, actors: [] }], { title: 't', version: '1' }) as Record<string, any>;
    expectValidAsyncApi(document);
    expect(document.channels['tiny.commands.unrouted']).toMatchObject({ address: null, messages: { Orphan: { $ref: '#/components/messages/tiny.Orphan' } } });
    expect(document.components.messages['tiny.Orphan'].payload.properties.data).toMatchObject({ type: 'object', required: ['n'], additionalProperties: false });
    expect(document.components.messages['tiny.Happened'].payload.properties.data).toEqual({});
  });
});
