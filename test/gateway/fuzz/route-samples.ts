/** What the fuzz of every route starts from: real bodies to mutate, ids that exist, query names the routes read. */

/** A valid body per route (`METHOD path` as the router lists it). */
export const bodyTemplates: Record<string, Record<string, unknown>> = {
  'POST /api/auth/login': { username: 'admin', password: 'asdf' },
  'POST /api/milk-factory/drafts': { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: '180000032' },
  'PUT /api/milk-factory/drafts/:id/config': { path: 'CardboardBox1->Drink1->Milk1', name: 'FAT_CONTENT', value: 3.5 },
  'POST /api/milk-factory/drafts/:id/components': { path: 'CardboardBox1->Drink1->Cookies1->Sugar1' },
  'PUT /api/milk-factory/drafts/:id/discount': { path: 'CardboardBox1', value: 0.1 },
  'PUT /api/milk-factory/drafts/:id/partner': { partnerId: '180000033' },
  'POST /api/milk-factory/contracts/:id/terminate': { date: '2023-02-01' },
  'POST /api/milk-factory/contracts/:id/replace': { start: '2023-02-01' },
  'PUT /api/milk-factory/indexes/:name': { year: 2023, value: 1.05 },
  'POST /api/milk-factory/partners': {
    firstName: 'Fuzzy', lastName: 'Tester', type: 'PERSON', dob: '1990-01-01', email: 'f@example.com', phone: '+41 1',
    addresses: [{ street: 'Weg', houseNumber: '1', postcode: '3000', city: 'Bern', country: 'CH', type: 'PRIMARY' }],
  },
  'POST /api/open-bank/login': { username: 'fuzz.client', password: 'fuzz-password' },
  'POST /api/open-bank/transfers': { id: '00000000-0000-4000-8000-000000000001', token: 'none', amount: 100, from: 'cash', to: 'NL66OPEN0000000000', description: 'fuzz' },
  'PUT /api/open-bank/heartbeat': { batchSize: 0, intervalMs: 1000 },
  'POST /api/restaurant/orders': { tableNumber: 3, items: [{ item: 'pancake', quantity: 1 }], dodgy: false },
  'PUT /api/restaurant/cooks/:name': { paused: false },
  'POST /api/deadline-orders/orders': { holderId: 'fuzz', currencyId: 1, amount: 10 },
  'PUT /api/deadline-orders/points/:userId': { point: 100 },
  'POST /api/vouchers/orders': { netTotal: 85, orderDate: '2020-08-01' },
};

/** Path parameter values that exist (filled in once the edge runs), by parameter name. */
export const knownParams: Record<string, string[]> = {
  name: ['tom', 'dick', 'harry', 'MILK_INDEX'],
  userId: ['fuzz'],
  productId: ['COOKIES_MILKSHAKE', 'COFFEE_LATTE_SKINNY'],
  iban: [],
  id: [],
  orderId: [],
  file: ['milk-factory.js', 'operations.js'],
  correlationId: [],
  queue: [],
};

/** Query parameters some route reads. */
export const queryNames = [
  'limit', 'waitMs', 'max', 'q', 'partnerId', 'state', 'status', 'path', 'all', 'holderId', 'orderId', 'referenceId', 'queue', 'type',
  'correlationId', 'machine', 'instance', 'landscape',
];

/** Characters that must never reach a route: NUL, lone surrogates, and `%00` spelt out. */
export const specialTexts = ['\u0000', '\ud800', '\udfff', '%00', '\\u0000', '\u202e', '\ufeff', '😀', 'é'];
