import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName } from '../../../../actors/mod.ts';
import { hashPassword, iterationsOf, minimumIterations } from '../../../../gateway/auth/index.ts';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { openbankLandscape } from '../../../../services/open-bank/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { sleep } from '../../../support/wait.ts';
import { signUp, transfer } from '../bank-client.ts';

// Issue 18 in open-bank: the account token stays a secret, a sign-up identity is open-bank's
// only, its login is rate limited and re-hashes old hashes, and a long poll does not poll.
let edge: TestEdge;
const sql = testDatabase();
const iterations = minimumIterations + 10_000;
beforeAll(async () => {
  edge = await TestEdge.start('ob-secrets', [openbankLandscape, milkfactoryLandscape], {
    timeScale: 0.1, passwordIterations: iterations, limits: { login: { maxFailuresPerUser: 3, windowMs: 1_500 } },
  });
});
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const clients = () => `"${schemaName(edge.namespace, 'open_bank_command_handler')}".clients`;

describe('the account token', () => {
  it('reaches its owner in the sign-up answer only, never any stream: employee, admin, other clients, the owner', async () => {
    const other = await signUp(edge);
    const streams = [
      await edge.stream('open-bank', '', { as: 'bank.employee' }),
      await edge.stream('open-bank', '', { as: 'admin' }),
      await edge.stream('open-bank', '', { token: other.jwt }),
    ];
    const owner = await signUp(edge);
    const mine = await edge.stream('open-bank', '', { token: owner.jwt });
    streams.push(mine);
    await transfer(edge, { amount: 500, from: 'cash', to: owner.iban, description: 'after sign-up' });
    for (const stream of streams.slice(0, 2)) {
      const created = await stream.waitForMessage((m) => m.type === 'AccountCreationConfirmed' && m.data.iban === owner.iban, 'the account\'s creation');
      expect(created.data).not.toHaveProperty('token');
    }
    await mine.waitForMessage((m) => m.type === 'BalanceChanged' && m.data.iban === owner.iban, 'the owner\'s balance change');
    for (const stream of streams) expect(JSON.stringify(stream.frames)).not.toContain(owner.token);
    // The other client sees nothing of this account at all.
    expect(streams[2]!.messages.filter((m) => JSON.stringify(m).includes(owner.iban))).toEqual([]);
  });
});

describe('a sign-up identity', () => {
  it('is open-bank\'s only: signing up as a milk-factory customer reads nothing there, nor the admin API', async () => {
    const impostor = await signUp(edge, '180000032', 'not-augustus-password');
    for (const path of ['/api/milk-factory/partners/180000032', '/api/milk-factory/contracts', '/api/milk-factory/security/model', '/api/milk-factory/stream', '/api/admin/actors']) {
      const answer = await edge.call('GET', path, { token: impostor.jwt });
      expect(answer.status, path).toBe(401);
      expect(answer.headers.get('www-authenticate'), path).toContain('invalid_token');
    }
    expect((await edge.call('GET', `/api/open-bank/accounts/${impostor.iban}`, { token: impostor.jwt })).status).toBe(200);
    // The real customer is unaffected, and their token is not an open-bank client's.
    expect((await edge.call('GET', '/api/milk-factory/partners/180000032', { as: '180000032' })).status).toBe(200);
    expect((await edge.call('GET', `/api/open-bank/accounts/${impostor.iban}`, { as: '180000032' })).status).toBe(403);
  });
});

describe('the open-bank login', () => {
  it('answers 429 with Retry-After after too many wrong passwords, even for the right one, then lets it in after the window', async () => {
    const client = await signUp(edge, 'limited.client', 'right-password');
    for (let i = 0; i < 3; i += 1) {
      expect((await edge.call('POST', '/api/open-bank/login', { body: { username: client.username, password: 'wrong-password' } })).status).toBe(401);
    }
    const limited = await edge.call('POST', '/api/open-bank/login', { body: { username: client.username, password: 'right-password' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await sleep(1_600);
    expect((await edge.call('POST', '/api/open-bank/login', { body: { username: client.username, password: 'right-password' } })).status).toBe(200);
  });

  it('re-hashes a password stored at a lower cost on the next successful login', async () => {
    const client = await signUp(edge, 'old.hash.client', 'old-password');
    await sql.unsafe(`update ${clients()} set password_hash = $1 where username = $2`, [await hashPassword('old-password', minimumIterations), client.username]);
    await edge.expect(200, 'POST', '/api/open-bank/login', { body: { username: client.username, password: 'old-password' } });
    const [row] = await sql.unsafe(`select password_hash from ${clients()} where username = $1`, [client.username]);
    expect(iterationsOf(row!.password_hash)).toBe(iterations);
  });
});

describe('GET /transfers/<id>?waitMs=', () => {
  it('waits for the outcome without polling the table, and answers as soon as it is stored', async () => {
    const client = await signUp(edge);
    const handler = edge.system.names.mailbox('open-bank', 'command-handler');
    const schema = schemaName(edge.namespace, 'open_bank_command_handler');
    const scans = async () => {
      const [row] = await sql.unsafe(`select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where schemaname = $1 and relname = 'transfer_outcomes'`, [schema]);
      return Number(row?.n ?? 0);
    };
    const id = crypto.randomUUID();
    await edge.system.operations.pause(handler);
    try {
      await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id, token: 'none', amount: 100, from: 'cash', to: client.iban, description: 'held' } });
      await sleep(1_200); // statistics of other backends are flushed about once a second
      const before = await scans();
      expect(await edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=1500`)).toEqual({ id, status: 'pending' });
      await sleep(1_200);
      // Polling every 20 ms would have read it ~75 times; waiting on the event reads it twice.
      expect(await scans() - before).toBeLessThanOrEqual(4);
      const waiting = edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=20000`);
      await sleep(200);
      const started = Date.now();
      await edge.system.operations.resume(handler);
      expect(await waiting).toEqual({ id, status: 'confirmed' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await edge.system.operations.resume(handler).catch(() => {});
    }
  });
});
