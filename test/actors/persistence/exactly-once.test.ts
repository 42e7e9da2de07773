import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommand, defineActor, encodeMessage, headers, onBatch, type Envelope } from '../../../actors/mod.ts';
import { schemaName } from '../../../actors/persistence/database.ts';
import { ledgerActor, type LedgerOptions } from '../../fixtures/ledger-actor.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('exactly-once');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

const accounts = () => `"${schemaName(systems.namespace, 'ledger')}".accounts`;
const runtime = (table: string) => `"${schemaName(systems.namespace, 'actors')}".${table}`;

/**
 * A ledger and a watcher of its Deposited events. Each test has its own landscape
 * (`bank-<service>`), so no other test's watcher sees its events.
 */
function ledger(service: string, options: Omit<LedgerOptions, 'landscape' | 'service'> = {}) {
  const deposited: Envelope[] = [];
  const landscape = `bank-${service}`;
  const actor = ledgerActor({ landscape, service, ...options });
  const watcher = defineActor({ landscape, service: 'watcher', events: { Deposited: (m) => { deposited.push(m); } } });
  return { actor, watcher, deposited, landscape };
}

async function balance(account: string): Promise<number | undefined> {
  const [row] = await sql.unsafe(`select balance from ${accounts()} where id = $1`, [account]);
  return row?.balance;
}

describe('exactly-once effects (inbox + outbox)', () => {
  it('a duplicate delivery changes the state once and publishes nothing again: the broker confirmed what it emitted the first time', async () => {
    // Re-sending on every duplicate made each copy a duplicate downstream, re-sending in turn,
    // and forked self-rescheduling alarm chains (transactional-executor.ts): in the chaos run
    // the heartbeat's events reached their mailbox about 40 times each.
    const { actor, watcher, deposited, landscape } = ledger('dup');
    const system = await systems.start({ actors: [actor], database: true });
    await systems.start({ actors: [watcher] }); // no inbox: it sees every copy that is published
    const command = createCommand('Deposit', { account: 'dup-1', amount: 100 }, { source: 'test' });
    await testInternals(system).bus.send(landscape, 'dup', command);
    await eventually(() => deposited.length === 1);
    await testInternals(system).bus.send(landscape, 'dup', command); // the same message again (same id)
    // A later command's event: the duplicate, sent before it, was taken by then.
    const after = createCommand('Deposit', { account: 'dup-2', amount: 1 }, { source: 'test' });
    await testInternals(system).bus.send(landscape, 'dup', after);
    await eventually(() => deposited.some((m) => (m.data as { account: string }).account === 'dup-2'));
    await sleep(500);

    expect(await balance('dup-1')).toBe(100);
    expect(deposited.filter((m) => (m.data as { account: string }).account === 'dup-1')).toHaveLength(1);
    const inbox = await sql.unsafe(`select count(*)::int as n from ${runtime('inbox')} where message_id = $1`, [command.id]);
    expect(inbox[0]!.n).toBe(1);
  });

  it('a handler error rolls back state and outbox together; the retry commits once', async () => {
    let calls = 0;
    const { actor, watcher, deposited, landscape } = ledger('rollback', { fail: () => ++calls === 1 });
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const command = createCommand('Deposit', { account: 'rb-1', amount: 40 }, { source: 'test' });
    await testInternals(system).bus.send(landscape, 'rollback', command);
    await eventually(() => deposited.length === 1);
    await sleep(200);

    expect(calls).toBe(2);
    expect(await balance('rb-1')).toBe(40);
    const outbox = await sql.unsafe(`select count(*)::int as n from ${runtime('outbox')} where causation_id = $1`, [command.id]);
    expect(outbox[0]!.n).toBe(1);
    expect(deposited).toHaveLength(1);
  });

  it('records the flow: what each actor handled and emitted, per correlation id', async () => {
    const { actor, watcher, deposited, landscape } = ledger('flow');
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const command = createCommand('Deposit', { account: 'fl-1', amount: 1 }, { source: 'test' });
    await testInternals(system).bus.send(landscape, 'flow', command);
    await eventually(() => deposited.length === 1);
    const { flowOf } = await import('../../../actors/persistence/flow-log.ts');
    const flow = await eventually(async () => {
      const rows = await flowOf(testInternals(system).store!.runtimeDb, command.metadata.correlationId);
      return rows.length >= 3 ? rows : undefined;
    });
    expect(flow.map((r) => [r.actor, r.direction, r.type])).toEqual([
      ['bank-flow.flow', 'handled', 'Deposit'],
      ['bank-flow.flow', 'emitted', 'Deposited'],
      ['bank-flow.watcher', 'handled', 'Deposited'],
    ]);
    expect(flow[1]!.causation_id).toBe(command.id);
  });

  it('batches: many messages in one transaction; a failing one fails alone', async () => {
    const { actor, watcher, deposited, landscape } = ledger('batched', { batch: 20, fail: (m) => m.data.account === 'poison' });
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const mailbox = system.names.mailbox(landscape, 'batched');
    await system.operations.pause(mailbox);
    for (let i = 0; i < 30; i++) await testInternals(system).bus.send(landscape, 'batched', createCommand('Deposit', { account: 'many', amount: 1 }, { source: 'test' }));
    await testInternals(system).bus.send(landscape, 'batched', createCommand('Deposit', { account: 'poison', amount: 1 }, { source: 'test' }));
    await system.operations.resume(mailbox);

    await eventually(() => deposited.filter((d) => d.data.account === 'many').length === 30, 15_000);
    expect(await balance('many')).toBe(30);
    expect(await balance('poison')).toBeUndefined();
    // With a database, the dead-letter office takes parked messages into actors.dead_letters.
    const parked = await eventually(async () => {
      const letters = await system.operations.deadLetters!.list({ queue: mailbox });
      return letters.length === 1 ? letters : undefined;
    }, 10_000, 'the poison message parked');
    expect(parked[0]!.message).toMatchObject({ data: { account: 'poison' } });
  });

  it('a REST controller changes state and emits events in one transaction', async () => {
    const { actor, watcher, deposited } = ledger('rest');
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const opened = await system.transaction(actor, { sessionId: 'tab-1', requestId: 'req-1' }, async (context) => {
      await context.db.insertInto('accounts').values({ id: 'rest-1', balance: 5, name: 'Jane' }).execute();
      return context.publish('Deposited', { account: 'rest-1', amount: 5 });
    });
    const event = await eventually(() => deposited.find((d) => d.id === opened.id));
    expect(event.metadata).toMatchObject({ sessionId: 'tab-1', requestId: 'req-1', source: 'bank-rest.rest' });
    expect(await balance('rest-1')).toBe(5);

    await expect(system.transaction(actor, {}, async (context) => {
      await context.db.insertInto('accounts').values({ id: 'rest-2', balance: 9 }).execute();
      context.publish('Deposited', { account: 'rest-2', amount: 9 });
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await balance('rest-2')).toBeUndefined();
    await sleep(200);
    expect(deposited.some((d) => d.data.account === 'rest-2')).toBe(false);
  });

  it('a message that is not JSON is parked, not handled, and leaves no inbox row', async () => {
    const { actor, watcher, landscape } = ledger('malformed');
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const mailbox = system.names.mailbox(landscape, 'malformed');
    const good = encodeMessage(createCommand('Deposit', { account: 'x', amount: 1 }, { source: 'test' }));
    const content = Buffer.from('{oops');
    good.properties.headers[headers.signature] = testInternals(system).bus.signer.sign(content, good.properties); // signed, so it is the body that fails
    await testInternals(system).broker.publish({ exchange: system.names.commands(landscape), routingKey: 'malformed', content, properties: good.properties });
    await eventually(async () => (await system.operations.deadLetters!.list({ queue: mailbox })).length === 1);
    const inbox = await sql.unsafe(`select count(*)::int as n from ${runtime('inbox')} where message_id = $1`, [good.properties.messageId]);
    expect(inbox[0]!.n).toBe(0);
  });

  it('onBatch: the messages of a batch reach the handler in one call, each emitting in its own flow', async () => {
    const calls: number[] = [];
    const landscape = 'bank-onbatch';
    const actor = defineActor({
      landscape,
      service: 'tally',
      batch: 10,
      commands: {
        Count: onBatch(z.object({ n: z.number() }), (items) => {
          calls.push(items.length);
          for (const { message, context } of items) context.publish('Counted', { n: message.data.n });
        }),
      },
    });
    const counted: Envelope[] = [];
    const watcher = defineActor({ landscape, service: 'watcher', events: { Counted: (m) => { counted.push(m); } } });
    const system = await systems.start({ actors: [actor, watcher], database: true });
    const mailbox = system.names.mailbox(landscape, 'tally');
    await system.operations.pause(mailbox);
    const sent = Array.from({ length: 25 }, (_, n) => createCommand('Count', { n }, { source: 'test' }));
    for (const command of sent) await testInternals(system).bus.send(landscape, 'tally', command);
    await system.operations.resume(mailbox);

    await eventually(() => counted.length === 25, 10_000, 'every Counted event');
    expect(calls.reduce((a, b) => a + b, 0)).toBe(25);
    expect(Math.max(...calls)).toBeGreaterThan(1);
    for (const command of sent) {
      expect(counted.find((c) => c.metadata.causationId === command.id)?.data).toEqual({ n: command.data.n });
    }
  });
});
