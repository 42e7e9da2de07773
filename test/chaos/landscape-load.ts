import { sleep } from '../support/wait.ts';

/** The three app processes' ports, taken in turn: a request whose process is down goes to the next. */
export class Apps {
  #next = 0;
  #adminToken: string | undefined;
  constructor(readonly ports: () => number[]) {}

  /** Sends to the processes in turn; network errors and 5xx move on to the next process (up to `tries`). */
  async call<T = any>(method: string, path: string, body?: unknown, token?: string, tries = 6): Promise<{ status: number; body: T }> {
    let last: unknown;
    for (let attempt = 0; attempt < tries; attempt++) {
      const ports = this.ports();
      const port = ports[this.#next++ % ports.length]!;
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        if (response.status >= 500) { last = new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`); await sleep(200); continue; }
        return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
      } catch (error) {
        last = error;
        await sleep(200);
      }
    }
    throw last;
  }

  async expect<T = any>(status: number, method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const answer = await this.call<T>(method, path, body, token);
    if (answer.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  }

  async admin(): Promise<string> {
    this.#adminToken ??= (await this.expect<{ token: string }>(200, 'POST', '/api/auth/login', { username: 'admin', password: 'asdf' })).token;
    return this.#adminToken;
  }
}

export interface LoadCounts {
  transfersPosted: number;
  ordersPlaced: number;
  deadlineOrdersPlaced: number;
  requestErrors: number;
}

/**
 * The work of the chaos run, through the apps' REST APIs until `until`: open-bank's
 * heartbeat generates commands (the bulk), two clients move money by REST, the restaurant
 * takes eat-first orders (the process with the alarm: every order ends, finished or
 * gave-up), deadline-orders takes orders against four holders' points.
 */
export async function runLoad(apps: Apps, until: () => boolean, options: { beatsPerSecond: number; deadlineHolders: string[]; initialPoints: number }): Promise<LoadCounts> {
  const counts: LoadCounts = { transfersPosted: 0, ordersPlaced: 0, deadlineOrdersPlaced: 0, requestErrors: 0 };
  const admin = await apps.admin();
  const tolerate = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch {
      counts.requestErrors += 1;
      await sleep(500);
    }
  };
  for (const holder of options.deadlineHolders) await apps.expect(200, 'PUT', `/api/deadline-orders/points/${holder}`, { point: options.initialPoints }, admin);
  const clients = [];
  for (const name of ['chaos.alice', 'chaos.bobby']) clients.push(await apps.expect<{ iban: string; token: string }>(200, 'POST', '/api/open-bank/login', { username: name, password: 'chaos-password' }));
  // Twice a second, so a paused chain (a stopped node) is noticed quickly.
  await apps.expect(200, 'PUT', '/api/open-bank/heartbeat', { batchSize: Math.max(1, Math.round(options.beatsPerSecond / 5)), intervalMs: 200 }, admin);

  const transfer = async (from: { iban: string; token: string } | 'cash', to: string, amount: number) => {
    const id = crypto.randomUUID();
    const body = { id, token: from === 'cash' ? 'none' : from.token, amount, from: from === 'cash' ? 'cash' : from.iban, to, description: 'chaos' };
    // The same id until it is taken: re-posting never moves money twice.
    for (let i = 0; i < 5; i++) {
      const answer = await apps.call('POST', '/api/open-bank/transfers', body).catch(() => undefined);
      if (answer?.status === 202) { counts.transfersPosted += 1; return; }
      counts.requestErrors += 1;
      await sleep(300);
    }
  };
  const bank = (async () => {
    const [a, b] = clients as [{ iban: string; token: string }, { iban: string; token: string }];
    while (!until()) {
      await tolerate(async () => {
        await transfer('cash', a.iban, 5_000);
        await transfer(a, b.iban, 2_000);
        await transfer(b, a.iban, 1_000);
        await transfer(b, 'cash', 500);
      });
      await sleep(100);
    }
  })();
  const restaurant = (async () => {
    let i = 0;
    while (!until()) {
      await tolerate(async () => {
        const items = [{ item: 'pancake', quantity: 2 }, ...(i % 2 ? [{ item: 'ice cream', quantity: 2 }] : [])];
        await apps.expect(202, 'POST', '/api/restaurant/orders', { tableNumber: 1 + (i % 19), items, dodgy: false });
        counts.ordersPlaced += 1;
      });
      i += 1;
      await sleep(1_500); // about what the three cooks manage together
    }
  })();
  const deadlineOrders = (async () => {
    let i = 0;
    while (!until()) {
      await tolerate(async () => {
        const holderId = options.deadlineHolders[i % options.deadlineHolders.length]!;
        await apps.expect(202, 'POST', '/api/deadline-orders/orders', { holderId, currencyId: 1, amount: 1 + ((i * 37) % 300) });
        counts.deadlineOrdersPlaced += 1;
      });
      i += 1;
      await sleep(400);
    }
  })();
  await Promise.all([bank, restaurant, deadlineOrders]);
  await apps.call('PUT', '/api/open-bank/heartbeat', { batchSize: 0, intervalMs: 1000 }, admin).catch(() => { counts.requestErrors += 1; });
  return counts;
}
