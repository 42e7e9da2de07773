import { sql } from 'kysely';
import { ActorSystem, createCommand, createLogger, defineActor, type PersistentContext } from '../../actors/mod.ts';
import { testInternals } from '../../actors/testing.ts';
import { dropSchemas, testMigrations } from '../support/actor-system.ts';
import { databaseUrl } from '../support/environment.ts';
import type { LedgerTables } from '../fixtures/ledger-actor.ts';
import { createTestNamespace } from '../support/namespace.ts';
import type { RabbitCluster } from '../support/rabbit-cluster.ts';
import { eventually, sleep } from '../support/wait.ts';

/** Which node is stopped: the one the process's connection is on, or the leader of its mailbox (a quorum queue). */
export type Victim = 'connected' | 'leader';

export interface FailoverResult {
  victim: Victim;
  stoppedNode: string;
  /** The node the connection was on before and after. */
  connectedBefore: string;
  connectedAfter: string;
  leaderBefore: string;
  leaderAfter: string;
  sent: number;
  /** Distinct messages whose effect is in the table. */
  applied: number;
  lost: number;
  /** Messages whose effect is in the table more than once. */
  doubled: number;
  /**
   * From `rabbitmqctl stop_app` being issued to the first message handled after the
   * interruption (the end of the longest pause in handling from then on).
   */
  resumedAfterMs: number;
  /** The longest pause between two handled messages from the stop on. */
  stallMs: number;
  /** How long `rabbitmqctl stop_app` took (the node closes its connections and replicas meanwhile). */
  stopTookMs: number;
  /** Members of the mailbox's quorum queue (its replicas). */
  members: string[];
}

export interface FailoverOptions {
  cluster: RabbitCluster;
  victim: Victim;
  /** Messages sent in all, at `rate` per second; the node is stopped when a third are sent. */
  messages: number;
  rate: number;
}

interface QueueDetails {
  leader?: string;
  members?: string[];
}

/**
 * One process (an actor system) on the cluster, its mailbox a ledger: each message credits
 * an account of its own with 1, so a message applied twice shows as a balance of 2 and a
 * lost one as a missing row. Under a steady load a node is stopped (`stop_app`) and started
 * again; the figures say how long handling stalled and whether every message was applied
 * exactly once.
 */
export async function runFailover(options: FailoverOptions): Promise<FailoverResult> {
  const { cluster, victim } = options;
  const namespace = createTestNamespace(`failover-${victim}`);
  const handledAt: number[] = [];
  const actor = defineActor({
    landscape: 'failover',
    service: 'ledger',
    schema: 'ledger',
    commands: {
      Credit: async (message, context) => {
        const { db } = context as PersistentContext<LedgerTables>;
        const { account } = message.data as { account: string };
        await db.insertInto('accounts').values({ id: account, balance: 1, updated_by: message.id })
          .onConflict((c) => c.column('id').doUpdateSet({ balance: sql`accounts.balance + 1` }))
          .execute();
        handledAt.push(Date.now());
      },
    },
  });
  const start = (amqpUrl: string) => ActorSystem.start({
    actors: [actor],
    amqpUrl,
    managementUrl: cluster.managementUrls(),
    namespace,
    connectionName: `${namespace}.failover`,
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
    database: { url: databaseUrl(), migrations: testMigrations },
  });
  // A vhost of its own, deleted afterwards with every queue in it (a node restart recovers
  // every quorum queue of the cluster: left-overs would slow the next runs' restarts).
  const vhost = namespace;
  await cluster.ctl(0, 'add_vhost', vhost);
  await cluster.ctl(0, 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  const urls = cluster.nodes.map((_, i) => cluster.amqpUrl(i, vhost));
  if (victim === 'leader') {
    // A quorum queue's leader is where it was declared (node 1, first in the list): the
    // measured process then connects to node 2 first, so stopping the leader leaves its connection.
    await (await start(urls.join(','))).stop();
  }
  const system = await start(victim === 'leader' ? [...urls.slice(1), urls[0]!].join(',') : urls.join(','));
  const { broker, bus } = testInternals(system);
  const mailbox = system.names.mailbox('failover', 'ledger');
  const details = async (): Promise<QueueDetails> => {
    for (let i = 0; i < cluster.nodes.length; i++) {
      const response = await fetch(`http://127.0.0.1:${cluster.nodes[i]!.managementPort}/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(mailbox)}`, {
        headers: { authorization: `Basic ${btoa('guest:guest')}` }, signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
      if (response?.ok) return (await response.json()) as QueueDetails;
      await response?.body?.cancel();
    }
    return {};
  };
  const nodeIndexOfPort = (port: string) => cluster.nodes.findIndex((n) => String(n.amqpPort) === port);
  let stoppedIndex = -1;
  try {
    const before = await eventually(async () => { const d = await details(); return d.leader && d.members ? d : undefined; }, 30_000, 'the mailbox\'s leader');
    const connectedBefore = broker.node;
    if (victim === 'connected') {
      stoppedIndex = nodeIndexOfPort(connectedBefore.split(':')[1]!);
    } else {
      stoppedIndex = cluster.nodes.findIndex((n) => n.name === before.leader);
      // The leader's node must not be the connection's too, or this measures the other case.
      if (connectedBefore.endsWith(`:${cluster.nodes[stoppedIndex]!.amqpPort}`)) throw new Error(`the connection is on the leader's node ${before.leader}; start the process elsewhere`);
    }
    const stoppedNode = cluster.nodes[stoppedIndex]!.name;

    const sends: Array<Promise<void>> = [];
    let stoppedAt = 0;
    let stopTookMs = -1;
    let stopping: Promise<unknown> | undefined;
    const interval = 1000 / options.rate;
    const started = Date.now();
    for (let i = 0; i < options.messages; i++) {
      const command = createCommand('Credit', { account: `${namespace}-${i}` }, { source: 'failover' });
      sends.push(bus.send('failover', 'ledger', command));
      if (i === Math.floor(options.messages / 3)) {
        stoppedAt = Date.now();
        stopping = cluster.stopApp(stoppedIndex).then(() => { stopTookMs = Date.now() - stoppedAt; });
      }
      const wait = started + (i + 1) * interval - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await stopping;
    await Promise.all(sends);
    const db = system.readDb<LedgerTables>(actor);
    const applied = async () => (await db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    // Not all there within the time: the count below says how many were lost.
    await eventually(async () => Number(await applied()) >= options.messages, 120_000, 'every message applied').catch(() => {});
    await sleep(1_000); // a late duplicate would show now
    const final = await db.selectFrom('accounts').select(['id', 'balance']).execute();
    const after = await details();
    const connectedAfter = broker.node;
    await cluster.startApp(stoppedIndex);
    stoppedIndex = -1;
    const { stallMs, resumedAt } = longestPause(handledAt, stoppedAt);
    return {
      victim,
      stoppedNode,
      connectedBefore,
      connectedAfter,
      leaderBefore: before.leader!,
      leaderAfter: after.leader ?? '?',
      sent: options.messages,
      applied: final.length,
      lost: options.messages - final.length,
      doubled: final.filter((row) => row.balance !== 1).length,
      resumedAfterMs: resumedAt - stoppedAt,
      stallMs,
      stopTookMs,
      members: before.members!,
    };
  } finally {
    if (stoppedIndex >= 0) await cluster.startApp(stoppedIndex).catch(() => {});
    await system.stop();
    await dropSchemas(namespace);
    await cluster.ctl(0, 'delete_vhost', vhost).catch(() => {});
  }
}

/** The longest pause between handled messages from `from` on (a pause starting at `from` counts from there), and when it ended. */
export function longestPause(handledAt: readonly number[], from: number): { stallMs: number; resumedAt: number } {
  const times = handledAt.filter((t) => t >= from).sort((a, b) => a - b);
  let previous = from;
  let stallMs = 0;
  let resumedAt = from;
  for (const t of times) {
    if (t - previous > stallMs) {
      stallMs = t - previous;
      resumedAt = t;
    }
    previous = t;
  }
  return { stallMs, resumedAt };
}
