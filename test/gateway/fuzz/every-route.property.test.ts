import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landscapes } from '../../../services/mod.ts';
import { testDatabase } from '../../support/actor-system.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { namespaceChecksum, settled } from '../../support/table-checksum.ts';
import { bodyTemplates, knownParams, queryNames, specialTexts } from './route-samples.ts';

// Common spec, Requests: "A request never gets a 500 for bad input, and nothing already
// stored is changed by a rejected request." Generated requests (paths, queries, bodies,
// callers) against every REST route of every landscape, the process as `npm start` runs it.
// FUZZ_SEED repeats a run, FUZZ_RUNS sets its size (default 200).
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const numRuns = Number(process.env.FUZZ_RUNS ?? 200);
console.log(`every-route fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns}`);

let edge: TestEdge;
const sql = testDatabase();
const tokens: Record<string, string | undefined> = {};
let routes: Array<{ method: string; path: string }>;

beforeAll(async () => {
  edge = await TestEdge.start('fuzz', landscapes, { timeScale: 0.05, limits: { login: { maxFailuresPerClient: 100_000, maxFailuresPerUser: 100_000 } } });
  for (const user of ['admin', 'john.smith', '180000032', 'bank.employee']) tokens[user] = await edge.login(user);
  const client = await edge.expect(200, 'POST', '/api/open-bank/login', { body: { username: 'fuzz.client', password: 'fuzz-password' } });
  tokens.bankClient = client.jwt;
  tokens.forged = `${client.jwt.slice(0, -4)}AAAA`;
  knownParams.iban = [client.iban];
  // Something for the ids to find: a draft, an order of each kind.
  const draft = await edge.expect(201, 'POST', '/api/milk-factory/drafts', { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: '180000032' } });
  knownParams.id = [draft.contract.id, client.iban];
  const restaurantOrder = await edge.expect(202, 'POST', '/api/restaurant/orders', { body: { tableNumber: 2, items: [{ item: 'pancake', quantity: 1 }] } });
  const deadlineOrder = await edge.expect(202, 'POST', '/api/deadline-orders/orders', { body: { holderId: 'fuzz', currencyId: 1, amount: 10 } });
  const voucherOrder = await edge.expect(201, 'POST', '/api/vouchers/orders', { body: { netTotal: 85 } });
  knownParams.orderId = [restaurantOrder.orderId, deadlineOrder.orderId];
  knownParams.id.push(voucherOrder.id);
  // Every route the edge serves, but the stream (tested on its own) and the catch-alls.
  routes = edge.gateway.app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*') && !r.path.endsWith('/stream'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);
  await settled(sql, edge.namespace);
}, 120_000);

afterAll(async () => {
  await sql.end();
  await edge?.cleanup();
});

/** A text that may hold anything a client can send: NUL, lone surrogates, `%00`, long runs, plain words. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...specialTexts), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(5_000), '', ' ', '..', '1e30', '-1', 'null', '{}', "' or 1=1 --") },
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.constantFrom(0, -1, 1e30, -1e30, 2 ** 31, 2 ** 53 + 2, 0.1, 1.0000001, Number.MAX_VALUE, true, false, null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

/** A body: a route's real one with a field changed, added or removed, or anything at all. */
function bodyFor(key: string): fc.Arbitrary<string | undefined> {
  const template = bodyTemplates[key];
  const mutated = template === undefined ? fc.constant(undefined) : fc.tuple(fc.constantFrom(...Object.keys(template)), value, fc.nat(3)).map(([field, v, how]) => {
    const body: Record<string, unknown> = { ...template };
    if (how === 0) delete body[field];
    else if (how === 1) body[`${field}Extra`] = v;
    else body[field] = v;
    return JSON.stringify(body);
  });
  return fc.oneof(
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: template === undefined ? fc.constant(undefined) : fc.constant(JSON.stringify(template)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path parameter: a known id (so the route gets further), or any text; raw `%…` sequences go as they are. */
function segment(name: string): fc.Arbitrary<string> {
  const known = knownParams[name] ?? [];
  const raw = fc.constantFrom('%00', '%ED%A0%80', '%E0%A4%A', '%', '%2e%2e', '%C0%80');
  return fc.oneof(
    ...(known.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...known).map(encodeURIComponent) }] : []),
    { weight: 3, arbitrary: text.map((t) => encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, '')) || 'x') },
    { weight: 1, arbitrary: raw },
  );
}

const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), text), fc.oneof(text, fc.constantFrom('1', '0', '-5', '1001', '20', 'true', 'OPEN', 'DEBIT'), fc.constantFrom('%00', '%ED%A0%80'))), { maxLength: 3 })
  .map((pairs) => pairs.map(([name, v]) => {
    const encode = (t: string) => (/^%/.test(t) ? t : encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, '')));
    // A long poll waits at most 150 ms here: the fuzz is about answers, not patience.
    return name === 'waitMs' && /^\d+$/.test(v) ? `waitMs=${Math.min(Number(v), 150)}` : `${encode(name)}=${encode(v)}`;
  }).join('&'));

const request = fc.integer({ min: 0, max: 10_000 }).chain((pick) => {
  const route = routes[pick % routes.length]!;
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return fc.record({
    route: fc.constant(route),
    segments: fc.tuple(...names.map(segment)),
    query,
    body: bodyFor(`${route.method} ${route.path}`),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', undefined),
    caller: fc.constantFrom(undefined, 'admin', 'john.smith', '180000032', 'bank.employee', 'bankClient', 'forged'),
  });
});

describe('every REST route of every landscape, generated requests', () => {
  it('never answers a 5xx but a 503, keeps the process up, and changes nothing stored when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const statuses = new Map<number, number>();
    await fc.assert(fc.asyncProperty(request, async ({ route, segments, query: q, body, contentType, caller }) => {
      let path = route.path;
      for (const s of segments) path = path.replace(/:\w+/, s);
      const url = edge.url(`${path}${q ? `?${q}` : ''}`);
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (caller) headers.authorization = `Bearer ${tokens[caller]}`;
      const withBody = route.method !== 'GET' && route.method !== 'HEAD' && body !== undefined;
      const before = await namespaceChecksum(sql, edge.namespace);
      const response = await fetch(url, { method: route.method, headers, ...(withBody ? { body } : {}), signal: AbortSignal.timeout(30_000) });
      const answer = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const what = `${route.method} ${url} (${caller ?? 'anonymous'}) ${withBody ? body!.slice(0, 200) : ''} → ${response.status} ${answer.slice(0, 300)}`;
      expect(response.status >= 500 && response.status !== 503, what).toBe(false);
      if (response.status >= 400) {
        expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
        expect(await namespaceChecksum(sql, edge.namespace), `${what}: a refused request changed stored rows`).toEqual(before);
      } else if (route.method !== 'GET') {
        if (route.path === '/api/open-bank/heartbeat') {
          await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { as: 'admin', body: { batchSize: 0 } }); // no load left running
        }
        await settled(sql, edge.namespace); // what it caused is done before the next request is judged
      }
    }), { seed, numRuns, endOnFailure: true });
    console.log(`every-route fuzz: ${routes.length} routes, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    // The process is still up and serving.
    expect((await edge.call('GET', '/api/health')).status).toBe(200);
    expect((await edge.call('GET', '/api/milk-factory/products', { as: 'john.smith' })).status).toBe(200);
  }, 600_000);
});
