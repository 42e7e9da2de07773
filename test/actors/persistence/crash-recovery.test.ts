import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, schemaName, type Envelope } from '../../../actors/mod.ts';
import { ledgerActor } from '../../fixtures/ledger-actor.ts';
import { TestSystems, eventually, sleep, testDatabase, testMigrations } from '../../support/actor-system.ts';
import { databaseUrl } from '../../support/environment.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('crash');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

/** Runs test/fixtures/crash-after-commit.ts; resolves when it is ready, and again (exit code) when it dies. */
function crashingProcess(namespace: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-after-commit.ts'], {
    env: { ...process.env, TEST_NAMESPACE: namespace }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Should the test fail before the crash, the child must not outlive the run.
  afterAll(() => { if (child.exitCode === null) child.kill(); });
  return { ready, exited };
}

describe('a crash between commit and publish', () => {
  it('leaves the outbox row; the sweeper publishes exactly the stored message, same id; the redelivery changes nothing', async () => {
    const child = crashingProcess(systems.namespace);
    await child.ready;
    const received: Envelope[] = [];
    const watcher = defineActor({ landscape: 'crash', service: 'watcher', events: { Deposited: (m) => { received.push(m); } } });
    const observer = await systems.start({ actors: [watcher] });

    const command = createCommand('Deposit', { account: 'acc-1', amount: 70 }, { source: 'test' });
    await testInternals(observer).bus.send('crash', 'ledger', command);
    expect(await child.exited).toBe(17);

    const runtime = `"${schemaName(systems.namespace, 'actors')}"`;
    const stored = await sql.unsafe(`select o.id, p.id is not null as pending from ${runtime}.outbox o
      left join ${runtime}.outbox_pending p on o.id = any(p.ids) where o.causation_id = $1`, [command.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.pending).toBe(true);
    expect(received).toEqual([]);

    // A process with only the sweeper (the ledger's mailbox still holds the unacked command).
    await systems.start({ actors: [], database: { url: databaseUrl(), migrations: testMigrations, sweeper: { interval: 100, minAge: 100 } } });
    const swept = await eventually(() => received[0], 10_000, 'the swept event');
    expect(swept.id).toBe(stored[0]!.id);
    expect(swept.data).toEqual({ account: 'acc-1', amount: 70 });
    // The sweeper deletes the pending row in the transaction it published from; that commit may follow the delivery.
    await eventually(async () => {
      const rows = await sql.unsafe(`select 1 from ${runtime}.outbox_pending where $1 = any(ids)`, [swept.id]);
      return rows.length === 0;
    }, 5_000, 'the row no longer pending');
    const [kept] = await sql.unsafe(`select count(*)::int as n from ${runtime}.outbox where id = $1`, [swept.id]);
    expect(kept!.n).toBe(1); // kept (the flow, a person's look) until retention

    // The ledger comes back: the command is redelivered and found in the inbox. Its event is
    // not sent again: the sweeper's was confirmed (a re-send is only a duplicate downstream).
    const ledger = await systems.start({ actors: [ledgerActor({ landscape: 'crash', service: 'ledger' })], database: true });
    // A later command's event: the redelivered one, ahead of it in the mailbox, was taken by then.
    await testInternals(ledger).bus.send('crash', 'ledger', createCommand('Deposit', { account: 'acc-2', amount: 1 }, { source: 'test' }));
    await eventually(() => received.some((m) => (m.data as { account: string }).account === 'acc-2'), 10_000, 'the later event');
    await sleep(500);
    expect(received.filter((m) => (m.data as { account: string }).account === 'acc-1')).toHaveLength(1);
    const [account] = await sql.unsafe(`select balance from "${schemaName(systems.namespace, 'ledger')}".accounts where id = 'acc-1'`);
    expect(account!.balance).toBe(70);
  });
});
