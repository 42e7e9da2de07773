/**
 * Deno smoke test: the actor runtime, unchanged, on Deno 2 against the real broker.
 *
 * One ActorSystem in its own namespace (`deno-<random>`): a command handled by one actor
 * publishes an event handled by another (flow ids kept), a waiting-room alarm (`sendLater`,
 * 300 ms) arrives no earlier than asked, and a body that is not JSON is parked. Then the
 * system stops and the namespace is deleted through the management API.
 *
 * Plain checks, no test framework: prints one line `deno round trip ok: …` and exits 0, or
 * prints the error and exits 1; an overall timeout exits 1 rather than hang (CI counts the
 * exit code as one test). Run with `npm run test:deno` or `deno task test:deno`.
 *
 * Deno only (excluded from tsc; type-check with `deno check test/deno/round-trip.ts`). It
 * deliberately does not import test/support: that is vitest's harness (node:net probes,
 * testcontainers fallback) and is edited for Node.
 */
import { Buffer } from 'node:buffer';
import { z } from 'zod';
import { ActorSystem, createCommand, createLogger, defineActor, headers, on, type Envelope } from '../../actors/mod.ts';
import { eventually, sleep } from '../support/wait.ts';
import { testInternals } from '../../actors/testing.ts';

const OVERALL_TIMEOUT_MS = 30_000;
const ALARM_DELAY_MS = 300;
/** Generous: a smoke test proves the waiting rooms work on Deno, not their precision. */
const ALARM_LATE_LIMIT_MS = 3_000;

const amqpUrl = Deno.env.get('AMQP_URL') ?? 'amqp://guest:guest@127.0.0.1:5672';
const managementUrl = Deno.env.get('RABBITMQ_MANAGEMENT_URL') ?? 'http://guest:guest@127.0.0.1:15672';

function randomSuffix(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => alphabet[b % alphabet.length]).join('');
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** The management HTTP API; fetch refuses URLs with credentials, so they become a basic-auth header. */
function managementFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(managementUrl);
  const auth = btoa(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`);
  url.username = '';
  url.password = '';
  const requestHeaders = new Headers(init.headers);
  requestHeaders.set('authorization', `Basic ${auth}`);
  return fetch(new URL(path, url), { ...init, headers: requestHeaders, signal: AbortSignal.timeout(10_000) });
}

async function namesUnder(kind: 'queues' | 'exchanges' | 'policies', namespace: string): Promise<string[]> {
  const response = await managementFetch(`/api/${kind}/%2F${kind === 'policies' ? '' : '?columns=name'}`);
  if (!response.ok) throw new Error(`listing ${kind} failed: ${response.status} ${await response.text()}`);
  const items = (await response.json()) as { name: string }[];
  return items.map((item) => item.name).filter((name) => name.startsWith(`${namespace}.`));
}

/** Deletes every queue, then every exchange and policy, named `${namespace}.…`; returns how many. */
async function deleteNamespace(namespace: string): Promise<number> {
  let deleted = 0;
  for (const kind of ['queues', 'exchanges', 'policies'] as const) {
    for (const name of await namesUnder(kind, namespace)) {
      const response = await managementFetch(`/api/${kind}/%2F/${encodeURIComponent(name)}`, { method: 'DELETE' });
      await response.body?.cancel();
      if (!response.ok && response.status !== 404) throw new Error(`deleting ${kind} ${name} failed: ${response.status}`);
      deleted += 1;
    }
  }
  return deleted;
}

async function main(namespace: string, track: (system: ActorSystem) => void): Promise<string> {
  const seen: Array<{ message: Envelope; at: number }> = [];
  const record = (message: Envelope) => { seen.push({ message, at: Date.now() }); };
  const kitchen = defineActor({
    landscape: 'diner',
    service: 'kitchen',
    commands: {
      CookFood: on(z.object({ dish: z.string() }), (message, context) => {
        record(message);
        context.publish('FoodCooked', { dish: message.data.dish });
      }),
      Ring: record,
    },
  });
  const waiter = defineActor({ landscape: 'diner', service: 'waiter', events: { FoodCooked: record } });

  const system = await ActorSystem.start({
    actors: [kitchen, waiter],
    amqpUrl,
    managementUrl,
    namespace,
    connectionName: namespace,
    logger: createLogger({ level: 'silent' }),
  });
  track(system);
  check(system.stage === 'stable', `system stage is stable (got ${system.stage})`);

  // 1. command -> actor -> event -> second actor, flow ids kept.
  const command = createCommand('CookFood', { dish: 'pancake' }, { source: 'deno-smoke', sessionId: 's-deno' });
  await testInternals(system).bus.send('diner', 'kitchen', command);
  const cooked = await eventually(() => seen.find((s) => s.message.type === 'FoodCooked')?.message, 10_000, 'the FoodCooked event');
  const received = seen.find((s) => s.message.type === 'CookFood')?.message;
  check(received?.id === command.id, 'the kitchen received the command');
  check(cooked.kind === 'event', 'FoodCooked is an event');
  check(cooked.data.dish === 'pancake', `event data kept (got ${JSON.stringify(cooked.data)})`);
  check(cooked.metadata.correlationId === command.metadata.correlationId,
    `correlationId ${cooked.metadata.correlationId} === ${command.metadata.correlationId}`);
  check(cooked.metadata.causationId === command.id, `causationId ${cooked.metadata.causationId} === ${command.id}`);
  check(cooked.metadata.sessionId === 's-deno', 'sessionId kept');
  check(cooked.metadata.source === 'diner.kitchen', `event source is diner.kitchen (got ${cooked.metadata.source})`);

  // 2. waiting rooms: an alarm sent for later arrives after at least its delay.
  const alarm = createCommand('Ring', {}, { source: 'deno-smoke' });
  const sentAt = Date.now();
  await testInternals(system).bus.sendLater(alarm, system.names.mailbox('diner', 'kitchen'), { delay: ALARM_DELAY_MS });
  const rang = await eventually(() => seen.find((s) => s.message.id === alarm.id), 5_000, 'the alarm');
  const waited = rang.at - sentAt;
  check(waited >= ALARM_DELAY_MS, `alarm waited ${waited} ms >= ${ALARM_DELAY_MS} ms`);
  check(waited < ALARM_LATE_LIMIT_MS, `alarm waited ${waited} ms < ${ALARM_LATE_LIMIT_MS} ms`);

  // 3. a body that is not JSON is parked with its reason; the consumer goes on. It is signed
  // (node:crypto's HMAC, through Deno's node compatibility), so the body is what fails.
  const notJson = Buffer.from('{not json');
  await testInternals(system).broker.publish({
    exchange: system.names.commands('diner'),
    routingKey: 'kitchen',
    content: notJson,
    properties: { persistent: true, headers: { [headers.signature]: testInternals(system).bus.signer.sign(notJson, {}) } },
  });
  const parkedQueue = system.names.parked(system.names.mailbox('diner', 'kitchen'));
  const parked = await eventually(() => testInternals(system).broker.withChannel(async (channel) => {
    const message = await channel.get(parkedQueue, { noAck: true });
    return message === false ? undefined : message;
  }), 5_000, 'the parked message');
  const reason = parked.properties.headers?.[headers.parkReason];
  check(reason === 'malformed', `park reason is malformed (got ${String(reason)})`);
  check(parked.content.toString() === '{not json', 'parked body unchanged');

  const again = createCommand('CookFood', { dish: 'waffle' }, { source: 'deno-smoke' });
  await testInternals(system).bus.send('diner', 'kitchen', again);
  await eventually(() => seen.find((s) => s.message.metadata.causationId === again.id),
    10_000, 'the event of a command sent after the malformed one');

  return `event flow ids kept, alarm after ${waited} ms (>= ${ALARM_DELAY_MS}), malformed message parked`;
}

async function run(): Promise<number> {
  const namespace = `deno-${randomSuffix(6)}`;
  const systems: ActorSystem[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`overall timeout: not done after ${OVERALL_TIMEOUT_MS} ms`)), OVERALL_TIMEOUT_MS);
  });
  timeout.catch(() => {}); // reported where it is raced; never an unhandled rejection
  try {
    const summary = await Promise.race([main(namespace, (s) => systems.push(s)), timeout]);
    await Promise.race([Promise.all(systems.map((s) => s.stop())), timeout]);
    const deleted = await Promise.race([deleteNamespace(namespace), timeout]);
    const left = await Promise.race([namesUnder('queues', namespace), timeout]);
    check(left.length === 0, `namespace ${namespace} deleted (left: ${left.join(', ')})`);
    console.log(`deno round trip ok: Deno ${Deno.version.deno}, namespace ${namespace}: ${summary}; stopped, ${deleted} queues/exchanges/policies deleted`);
    return 0;
  } catch (error) {
    console.error(`deno round trip FAILED (namespace ${namespace}):`, error);
    // Best effort, bounded: a hung stop or an unreachable management API must not hang the run.
    await Promise.race([
      Promise.allSettled(systems.map((s) => s.stop())).then(() => deleteNamespace(namespace)).catch((e) => {
        console.error(`cleanup of ${namespace} failed:`, e);
      }),
      sleep(5_000),
    ]);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

if (typeof Deno === 'undefined') throw new Error('test/deno/round-trip.ts runs on Deno: npm run test:deno, or deno task test:deno');
// Explicit exit: a leftover handle (socket, timer) must not keep the process alive.
Deno.exit(await run());
