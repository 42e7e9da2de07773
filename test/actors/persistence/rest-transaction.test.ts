import { afterAll, describe, expect, it } from 'vitest';
import { defineActor, type Envelope } from '../../../actors/mod.ts';
import { schemaName } from '../../../actors/persistence/database.ts';
import { ledgerActor } from '../../fixtures/ledger-actor.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../../support/actor-system.ts';
import { amqpUrl } from '../../support/environment.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('rest-tx');
const sql = testDatabase();
let proxy: TcpProxy | undefined;
afterAll(async () => {
  proxy?.restore();
  await systems.cleanup();
  await proxy?.close();
  await sql.end();
});

const runtime = (table: string) => `"${schemaName(systems.namespace, 'actors')}".${table}`;
const accounts = () => `"${schemaName(systems.namespace, 'ledger')}".accounts`;

describe('a REST controller\'s transaction (system.transaction)', () => {
  it('answers once committed, without waiting for the broker: what it emitted is published when the broker is back', async () => {
    proxy = await TcpProxy.toBroker(amqpUrl());
    const actor = ledgerActor({ landscape: 'rest-tx', service: 'ledger' });
    const deposited: Envelope[] = [];
    const watcher = defineActor({ landscape: 'rest-tx', service: 'watcher', events: { Deposited: (m) => { deposited.push(m); } } });
    await systems.start({ actors: [watcher] });
    const system = await systems.start({ actors: [actor], database: true, amqpUrl: proxy.url(amqpUrl()) });

    proxy.cut();
    await eventually(() => !testInternals(system).broker.connected, 10_000, 'the system to notice the broker is gone');
    const transaction = system.transaction(actor, {}, async (context) => {
      await context.db.insertInto('accounts').values({ id: 'while-away', balance: 7 }).execute();
      return context.publish('Deposited', { account: 'while-away', amount: 7 });
    });
    // The publish is held until the broker is back; the request must not be held with it.
    const answered = await Promise.race([transaction, sleep(5_000).then(() => undefined)]);
    expect(answered, 'the transaction answered while the broker was away').toBeDefined();
    expect((await sql.unsafe(`select balance from ${accounts()} where id = 'while-away'`))[0]?.balance).toBe(7);
    expect(await sql.unsafe(`select id from ${runtime('outbox_pending')} where $1 = any(ids)`, [answered!.id])).toHaveLength(1);

    proxy.restore();
    await eventually(() => deposited.some((d) => d.id === answered!.id), 20_000, 'the event published after the broker came back');
    await eventually(async () => (await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where $1 = any(ids)`, [answered!.id])).length === 0,
      10_000, 'its pending row deleted');
    expect(deposited.filter((d) => d.id === answered!.id)).toHaveLength(1);
  });
});
